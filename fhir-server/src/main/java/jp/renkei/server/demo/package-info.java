/**
 * The demo region: a fictional regional health-information network in 千葉県 (three hospitals, six
 * clinics, their physicians, wards and beds, and the JP Core records they hold about generated
 * residents), generated deterministically by {@link jp.renkei.server.demo.DemoRegion} and stored at
 * start by {@link jp.renkei.server.demo.DemoRegionLoader} ({@code renkei.demo.*}).
 *
 * <p>All names, addresses, numbers and clinical histories are invented. Institution codes have valid
 * check digits but are not assigned to real facilities.
 */
package jp.renkei.server.demo;
