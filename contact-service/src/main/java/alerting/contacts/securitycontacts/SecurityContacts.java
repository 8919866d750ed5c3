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
import java.util.List;
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
