package alerting.contacts.tenants;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The directory of people of every tenant. */
@Repository
public class People {
  private static final String COLUMNS =
      "person_id, tenant_id, display_name, email, tenant_admin, user_account";
  private static final RowMapper<Person> ROW =
      (rs, n) ->
          new Person(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getBoolean(5),
              rs.getBoolean(6));
  private final JdbcClient jdbc;

  People(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(Person person) {
    jdbc.sql("insert into person (" + COLUMNS + ", created_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            person.personId(),
            person.tenantId(),
            person.displayName(),
            person.email(),
            person.tenantAdmin(),
            person.userAccount(),
            Timestamp.from(Instant.now()))
        .update();
  }

  public Optional<Person> find(String tenantId, String personId) {
    return jdbc.sql("select " + COLUMNS + " from person where tenant_id = ? and person_id = ?")
        .params(tenantId, personId)
        .query(ROW)
        .optional();
  }

  public Optional<Person> byEmail(String tenantId, String email) {
    return jdbc.sql("select " + COLUMNS + " from person where tenant_id = ? and lower(email) = ?")
        .params(tenantId, email.toLowerCase(Locale.ROOT))
        .query(ROW)
        .optional();
  }

  /**
   * Search by a part of the name or email, case-insensitively, {@code %} and {@code _} as typed; at
   * most 50 answers.
   */
  public List<Person> search(String tenantId, String text) {
    var literal =
        text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    var pattern = "%" + literal + "%";
    return jdbc
        .sql(
            "select "
                + COLUMNS
                + " from person where tenant_id = ?"
                + " and (lower(display_name) like ? escape '\\' or lower(email) like ? escape '\\')"
                + " order by display_name")
        .params(tenantId, pattern, pattern)
        .query(ROW)
        .list()
        .stream()
        .limit(50)
        .toList();
  }

  public List<Person> admins(String tenantId) {
    return jdbc.sql(
            "select " + COLUMNS + " from person where tenant_id = ? and tenant_admin = true")
        .param(tenantId)
        .query(ROW)
        .list();
  }
}
