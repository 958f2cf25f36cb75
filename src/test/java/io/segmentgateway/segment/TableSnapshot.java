package io.segmentgateway.segment;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of the tables a request could write, read behind the service's back: the columns, and each row's xmin
 * and ctid, which change with any write of the row, even one that changes no value.
 */
final class TableSnapshot {

  private static final String SEGMENTS = "SELECT app_id, id, name, description, constraints::text, version,"
      + " created_at, updated_at, xmin::text, ctid::text FROM segments ORDER BY app_id, id";
  private static final String KEYS = "SELECT key_hash, app_id, created_at, revoked_at, xmin::text, ctid::text"
      + " FROM api_keys ORDER BY key_hash";

  private TableSnapshot() {
  }

  static List<String> of(AppConfig.Db db) {
    List<String> rows = new ArrayList<>();
    try (Connection connection = TestDatabase.connect(db); Statement statement = connection.createStatement()) {
      for (String query : new String[] {SEGMENTS, KEYS}) {
        try (ResultSet result = statement.executeQuery(query)) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(i == 1 ? "" : " | ").append(result.getString(i));
            }
            rows.add(row.toString());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
