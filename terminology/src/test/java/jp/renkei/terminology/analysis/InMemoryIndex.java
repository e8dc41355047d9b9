package jp.renkei.terminology.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A throw-away Lucene index with one analyzed field, searched the way the server will search:
 * the query is analyzed with the same analyzer and every resulting term must match.
 */
final class InMemoryIndex {

    private static final String FIELD = "text";
    private static final String ORIGINAL = "original";

    private final Analyzer analyzer;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

    InMemoryIndex(Analyzer analyzer, String... documents) throws IOException {
        this.analyzer = analyzer;
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (String text : documents) {
                Document document = new Document();
                document.add(new TextField(FIELD, text, Field.Store.NO));
                document.add(new StoredField(ORIGINAL, text));
                writer.addDocument(document);
            }
        }
    }

    List<String> search(String query) throws IOException {
        List<String> terms = AnalyzedTokens.of(analyzer, query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder allTerms = new BooleanQuery.Builder();
        terms.forEach(term -> allTerms.add(new TermQuery(new Term(FIELD, term)), BooleanClause.Occur.MUST));
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            List<String> hits = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(allTerms.build(), 100).scoreDocs) {
                hits.add(searcher.storedFields().document(hit.doc).get(ORIGINAL));
            }
            return hits;
        }
    }
}
