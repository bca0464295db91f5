#pragma once
// One WARC/1.1 record and its serialization: the version line, the named fields, a blank
// line, the block and two CRLFs (WARC/1.1 section 4). Field values geocrawl writes from page
// data (a target URI) could carry CR or LF and forge fields or records; serialize refuses them.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace geocrawl {

// The types geocrawl writes (WARC/1.1 section 6); revisit and continuation are not. A
// conversion holds a rendered view's DOM: the response's content as a browser transformed it.
enum class warc_record_type { warcinfo, request, response, resource, metadata, conversion };

std::string_view to_string(warc_record_type type) noexcept;

struct warc_record {
  warc_record_type type = warc_record_type::resource;
  std::string record_id;  // "<urn:uuid:…>", new_record_id()
  std::string date;       // WARC-Date: UTC, ISO 8601
  // Fields after WARC-Type, WARC-Record-ID and WARC-Date, in order: WARC-Target-URI, digests…
  std::vector<std::pair<std::string, std::string>> fields;
  std::string content_type;  // empty: no Content-Type field
  std::string block;
};

// A field value with a control character (CR, LF, NUL…) would end the field where the page
// says, so it is refused, never written.
class warc_field_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// "<urn:uuid:…>": a random (version 4) UUID.
std::string new_record_id();

// Throws warc_field_error naming the field whose name or value cannot be written as it is.
std::string serialize(const warc_record& record);

// Text for a field value or an application/warc-fields line from untrusted text: control
// characters become %XX, so the value stays on its line and says what it held.
std::string warc_field_text(std::string_view text);

}  // namespace geocrawl
