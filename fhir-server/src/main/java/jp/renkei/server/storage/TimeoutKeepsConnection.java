package jp.renkei.server.storage;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * Tells HikariCP that a lock or statement timeout leaves the connection usable.
 *
 * <p>Hikari evicts a connection on any {@link SQLTimeoutException}. When two identical conditional
 * writes race, H2 answers the loser with a lock timeout on {@code HFJ_RES_SEARCH_URL}; evicting the
 * connection in the middle of the transaction makes the rollback fail ("Unable to rollback against
 * JDBC Connection"), which HAPI reports as a 500 instead of retrying the transaction through
 * {@link ConcurrentWriteRetryInterceptor}. The same holds for a query cancelled by
 * {@code renkei.server.search.query-timeout}. Timeouts caused by the network (SQLState 08...) still
 * evict.
 */
public class TimeoutKeepsConnection implements SQLExceptionOverride {

	@java.lang.Override
	public Override adjudicate(SQLException exception) {
		String state = exception.getSQLState();
		if (exception instanceof SQLTimeoutException && (state == null || !state.startsWith("08"))) {
			return Override.DO_NOT_EVICT;
		}
		return Override.CONTINUE_EVICT;
	}
}
