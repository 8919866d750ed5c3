package alerting.contacts.securitycontacts;

import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The security contacts of every tenant, with roles and methods in their stored order. */
@Repository
public class SecurityContacts {
  private final JdbcClient jdbc;

  SecurityContacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(String tenantId, Contact contact) {
    jdbc.sql(
            "insert into security_contact (contact_id, tenant_id, display_name, title, created_at)"
                + " values (?, ?, ?, ?, ?)")
        .params(
            contact.contactId(),
            tenantId,
            contact.displayName(),
            contact.title(),
            Timestamp.from(Instant.now()))
        .update();
    setRoles(tenantId, contact.contactId(), contact.roles());
    setMethods(tenantId, contact.contactId(), contact.methods());
  }

  void setRoles(String tenantId, String contactId, Collection<ContactRole> roles) {
    jdbc.sql("delete from contact_role where tenant_id = ? and contact_id = ?")
        .params(tenantId, contactId)
        .update();
    for (var role : roles) {
      jdbc.sql("insert into contact_role (tenant_id, contact_id, role) values (?, ?, ?)")
          .params(tenantId, contactId, role.name())
          .update();
    }
  }

  void setMethods(String tenantId, String contactId, List<ContactMethod> methods) {
    jdbc.sql("delete from contact_method where tenant_id = ? and contact_id = ?")
        .params(tenantId, contactId)
        .update();
    var position = 0;
    for (var method : methods) {
      jdbc.sql(
              "insert into contact_method (tenant_id, contact_id, position, channel, address) values (?, ?, ?, ?, ?)")
          .params(tenantId, contactId, position++, method.channel().name(), method.address())
          .update();
    }
  }

  void delete(String tenantId, String contactId) {
    jdbc.sql("delete from security_contact where tenant_id = ? and contact_id = ?")
        .params(tenantId, contactId)
        .update();
  }

  Optional<Contact> find(String tenantId, String contactId) {
    return jdbc.sql(
            "select contact_id, display_name, title from security_contact"
                + " where tenant_id = ? and contact_id = ?")
        .params(tenantId, contactId)
        .query(
            (rs, n) ->
                new Contact(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    roles(tenantId, rs.getString(1)),
                    methods(tenantId, rs.getString(1))))
        .optional();
  }

  public List<Contact> ofTenant(String tenantId) {
    var contacts = new ArrayList<Contact>();
    jdbc.sql(
            "select contact_id, display_name, title from security_contact where tenant_id = ?"
                + " order by created_at, contact_id")
        .param(tenantId)
        .query(
            rs -> {
              var id = rs.getString(1);
              contacts.add(
                  new Contact(
                      id,
                      rs.getString(2),
                      rs.getString(3),
                      roles(tenantId, id),
                      methods(tenantId, id)));
            });
    return contacts;
  }

  /**
   * Every tenant's contacts, by tenant id, in three queries whatever the number of tenants: for the
   * platform's views, which would otherwise read each contact's roles and methods one by one.
   */
  public Map<String, List<Contact>> ofAllTenants() {
    var roles = new HashMap<String, EnumSet<ContactRole>>();
    jdbc.sql("select tenant_id, contact_id, role from contact_role")
        .query(
            rs -> {
              roles
                  .computeIfAbsent(
                      rs.getString(1) + "\n" + rs.getString(2),
                      k -> EnumSet.noneOf(ContactRole.class))
                  .add(ContactRole.valueOf(rs.getString(3)));
            });
    var methods = new HashMap<String, List<ContactMethod>>();
    jdbc.sql(
            "select tenant_id, contact_id, channel, address from contact_method"
                + " order by tenant_id, contact_id, position")
        .query(
            rs -> {
              methods
                  .computeIfAbsent(rs.getString(1) + "\n" + rs.getString(2), k -> new ArrayList<>())
                  .add(new ContactMethod(Channel.valueOf(rs.getString(3)), rs.getString(4)));
            });
    var all = new HashMap<String, List<Contact>>();
    jdbc.sql(
            "select tenant_id, contact_id, display_name, title from security_contact"
                + " order by tenant_id, created_at, contact_id")
        .query(
            rs -> {
              var key = rs.getString(1) + "\n" + rs.getString(2);
              all.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                  .add(
                      new Contact(
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          roles.getOrDefault(key, EnumSet.noneOf(ContactRole.class)),
                          methods.getOrDefault(key, List.of())));
            });
    return all;
  }

  private EnumSet<ContactRole> roles(String tenantId, String contactId) {
    var roles = EnumSet.noneOf(ContactRole.class);
    jdbc.sql("select role from contact_role where tenant_id = ? and contact_id = ?")
        .params(tenantId, contactId)
        .query((rs, n) -> ContactRole.valueOf(rs.getString(1)))
        .list()
        .forEach(roles::add);
    return roles;
  }

  private List<ContactMethod> methods(String tenantId, String contactId) {
    return jdbc.sql(
            "select channel, address from contact_method where tenant_id = ? and contact_id = ?"
                + " order by position")
        .params(tenantId, contactId)
        .query((rs, n) -> new ContactMethod(Channel.valueOf(rs.getString(1)), rs.getString(2)))
        .list();
  }
}
