#include "crawler/rdap/rdap_domain_response.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace geocrawl {

namespace json = boost::json;

namespace {

// Responses are read to this depth at most: a hostile server's deeply nested body is refused by
// the parser, not by running out of stack.
constexpr std::size_t max_depth = 64;

std::string text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

bool has_role(const json::object& entity, std::string_view role) {
  const auto* roles = entity.if_contains("roles");
  if (!roles || !roles->is_array()) return false;
  for (const auto& each : roles->get_array()) {
    if (each.is_string() && each.get_string() == role) return true;
  }
  return false;
}

const json::object* entity_with_role(const json::object& holder, std::string_view role) {
  const auto* entities = holder.if_contains("entities");
  if (!entities || !entities->is_array()) return nullptr;
  for (const auto& entity : entities->get_array()) {
    if (const auto* object = entity.if_object(); object && has_role(*object, role)) return object;
  }
  return nullptr;
}

// jCard (RFC 7095): ["vcard", [[name, params, type, value...], ...]]. The value of the first
// property named `name`; for "tel" a "uri" value may start with "tel:", which is kept as written.
std::string vcard_property(const json::object& entity, std::string_view name) {
  const auto* card = entity.if_contains("vcardArray");
  if (!card || !card->is_array() || card->get_array().size() < 2) return {};
  const auto* properties = card->get_array()[1].if_array();
  if (!properties) return {};
  for (const auto& property : *properties) {
    const auto* fields = property.if_array();
    if (!fields || fields->size() < 4 || !(*fields)[0].is_string()) continue;
    if ((*fields)[0].get_string() != name) continue;
    if ((*fields)[3].is_string()) return std::string((*fields)[3].get_string());
  }
  return {};
}

// Calls `each` for every object in the array under `key`; anything else there is skipped.
template <class Each>
void for_each_object(const json::object& holder, std::string_view key, Each each) {
  const auto* list = holder.if_contains(key);
  if (!list || !list->is_array()) return;
  for (const auto& item : list->get_array()) {
    if (const auto* object = item.if_object()) each(*object);
  }
}

std::string iana_registrar_id(const json::object& entity) {
  std::string found;
  for_each_object(entity, "publicIds", [&](const json::object& id) {
    if (found.empty() && text_of(id, "type") == "IANA Registrar ID")
      found = text_of(id, "identifier");
  });
  return found;
}

void read_events(const json::object& domain, registrar_record& record) {
  for_each_object(domain, "events", [&](const json::object& event) {
    const auto action = text_of(event, "eventAction");
    const auto date = text_of(event, "eventDate");
    if (action == "registration") record.registered_at = date;
    if (action == "expiration") record.expires_at = date;
    if (action == "last changed") record.last_changed_at = date;
  });
}

void read_name_servers(const json::object& domain, registrar_record& record) {
  for_each_object(domain, "nameservers", [&](const json::object& server) {
    if (auto name = text_of(server, "ldhName"); !name.empty())
      record.name_servers.push_back(std::move(name));
  });
}

void read_statuses(const json::object& domain, registrar_record& record) {
  const auto* statuses = domain.if_contains("status");
  if (!statuses || !statuses->is_array()) return;
  for (const auto& status : statuses->get_array()) {
    if (status.is_string()) record.statuses.emplace_back(status.get_string());
  }
}

std::string related_link(const json::object& domain) {
  std::string found;
  for_each_object(domain, "links", [&](const json::object& link) {
    const auto href = text_of(link, "href");
    if (found.empty() && text_of(link, "rel") == "related" &&
        text_of(link, "type") == "application/rdap+json" &&
        href.find("/domain/") != std::string::npos)
      found = href;
  });
  return found;
}

using domain_result = boost::system::result<rdap_domain_links, std::string>;

// Spelled out: links, a struct of one string, could be built from the message too.
domain_result refused(std::string why) {
  return domain_result(boost::system::in_place_error, std::move(why));
}

template <class Field>
void fill(Field& field, const Field& fuller) {
  if (field.empty()) field = fuller;
}

}  // namespace

domain_result read_rdap_domain(std::string_view body, registrar_record& record) {
  json::parse_options options;
  options.max_depth = max_depth;
  boost::system::error_code error;
  const auto document = json::parse(body, error, {}, options);
  if (error) return refused("not JSON: " + error.message());
  const auto* domain = document.if_object();
  if (!domain) return refused("not a JSON object");
  if (text_of(*domain, "objectClassName") != "domain")
    return refused("not an RDAP domain object (objectClassName is not \"domain\")");
  if (const auto* registrar = entity_with_role(*domain, "registrar")) {
    record.registrar = vcard_property(*registrar, "fn");
    record.registrar_iana_id = iana_registrar_id(*registrar);
    if (const auto* abuse = entity_with_role(*registrar, "abuse")) {
      record.abuse_email = vcard_property(*abuse, "email");
      record.abuse_phone = vcard_property(*abuse, "tel");
    }
  }
  read_events(*domain, record);
  read_name_servers(*domain, record);
  read_statuses(*domain, record);
  return rdap_domain_links{related_link(*domain)};
}

void fill_missing(registrar_record& record, const registrar_record& fuller) {
  fill(record.registrar, fuller.registrar);
  fill(record.registrar_iana_id, fuller.registrar_iana_id);
  fill(record.abuse_email, fuller.abuse_email);
  fill(record.abuse_phone, fuller.abuse_phone);
  fill(record.registered_at, fuller.registered_at);
  fill(record.expires_at, fuller.expires_at);
  fill(record.last_changed_at, fuller.last_changed_at);
  fill(record.name_servers, fuller.name_servers);
  fill(record.statuses, fuller.statuses);
}

}  // namespace geocrawl
