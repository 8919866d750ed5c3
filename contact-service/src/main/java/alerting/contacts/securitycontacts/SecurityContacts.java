package alerting.contacts.securitycontacts;

import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
    jdbc.sql("insert into security_contact (contact_id, tenant_id, display_name, title, created_at)"
            + " values (?, ?, ?, ?, ?)")
        .params(contact.contactId(), tenantId, contact.displayName(), contact.title(),
            Timestamp.from(Instant.now()))
        .update();
    for (var role : contact.roles()) {
      jdbc.sql("insert into contact_role (contact_id, role) values (?, ?)")
          .params(contact.contactId(), role.name())
          .update();
    }
    var position = 0;
    for (var method : contact.methods()) {
      jdbc.sql("insert into contact_method (contact_id, position, channel, address) values (?, ?, ?, ?)")
          .params(contact.contactId(), position++, method.channel().name(), method.address())
          .update();
    }
  }

  public List<Contact> ofTenant(String tenantId) {
    var contacts = new ArrayList<Contact>();
    jdbc.sql("select contact_id, display_name, title from security_contact where tenant_id = ?"
            + " order by created_at, contact_id")
        .param(tenantId)
        .query(rs -> {
          var id = rs.getString(1);
          contacts.add(new Contact(id, rs.getString(2), rs.getString(3), roles(id), methods(id)));
        });
    return contacts;
  }

  private EnumSet<ContactRole> roles(String contactId) {
    var roles = EnumSet.noneOf(ContactRole.class);
    jdbc.sql("select role from contact_role where contact_id = ?")
        .param(contactId)
        .query((rs, n) -> ContactRole.valueOf(rs.getString(1)))
        .list()
        .forEach(roles::add);
    return roles;
  }

  private List<ContactMethod> methods(String contactId) {
    return jdbc.sql("select channel, address from contact_method where contact_id = ? order by position")
        .param(contactId)
        .query((rs, n) -> new ContactMethod(Channel.valueOf(rs.getString(1)), rs.getString(2)))
        .list();
  }
}
