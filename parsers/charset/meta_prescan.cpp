#include "parsers/charset/meta_prescan.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "parsers/ascii.hpp"

namespace geocrawl {
namespace {

using whatwg_encoding::encoding;
using whatwg_encoding::find_encoding;
using whatwg_encoding::utf_16be;
using whatwg_encoding::utf_16le;
using whatwg_encoding::utf_8;
using whatwg_encoding::windows_1252;

constexpr auto npos = std::string_view::npos;

constexpr std::size_t prescan_limit = 1024;

// "Get an encoding" as the prescan needs it: x-user-defined has no decoder here, but the standard
// turns it into windows-1252 at this point anyway.
const encoding* find_encoding_in_document(std::string_view label) {
  if (equals_ignoring_ascii_case(trim_ascii_whitespace(label), "x-user-defined")) {
    return &windows_1252;
  }
  return find_encoding(label);
}

// A document whose declaration could be read as ASCII is not UTF-16, so the standard reads a
// declared UTF-16 as UTF-8.
const encoding* as_document_encoding(const encoding* e) {
  return e == &utf_16le || e == &utf_16be ? &utf_8 : e;
}

// "The algorithm for extracting a character encoding from a meta element" (its content).
const encoding* encoding_from_meta_content(std::string_view content) {
  std::size_t pos = 0;
  while (true) {
    std::size_t found = npos;
    for (std::size_t i = pos; i + 7 <= content.size() && found == npos; ++i) {
      if (equals_ignoring_ascii_case(content.substr(i, 7), "charset")) found = i;
    }
    if (found == npos) return nullptr;
    pos = found + 7;
    while (pos < content.size() && is_ascii_whitespace(content[pos])) ++pos;
    if (pos >= content.size() || content[pos] != '=') continue;
    ++pos;
    while (pos < content.size() && is_ascii_whitespace(content[pos])) ++pos;
    if (pos >= content.size()) return nullptr;
    const char first = content[pos];
    if (first == '"' || first == '\'') {
      const auto close = content.find(first, pos + 1);
      if (close == npos) return nullptr;
      return find_encoding_in_document(content.substr(pos + 1, close - pos - 1));
    }
    const auto end = content.find_first_of("\t\n\f\r ;", pos);
    return find_encoding_in_document(content.substr(pos, end == npos ? npos : end - pos));
  }
}

// "Get an XML encoding": the fallback when the prescan runs out of bytes. The standard finds
// "encoding" anywhere after "<?xml"; this looks only inside the declaration, as its own
// xmlDeclarationEnd step implies, so body text cannot declare an encoding.
const encoding* encoding_from_xml_declaration(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) return nullptr;
  const std::string_view declaration = bytes.substr(0, bytes.find('>'));
  if (declaration.size() == bytes.size()) return nullptr;
  auto pos = declaration.find("encoding");
  if (pos == npos) return nullptr;
  pos += 8;
  const auto skip_controls_and_spaces = [&] {
    while (pos < declaration.size() && static_cast<unsigned char>(declaration[pos]) <= 0x20) ++pos;
  };
  skip_controls_and_spaces();
  if (pos >= declaration.size() || declaration[pos] != '=') return nullptr;
  ++pos;
  skip_controls_and_spaces();
  if (pos >= declaration.size() || (declaration[pos] != '"' && declaration[pos] != '\'')) {
    return nullptr;
  }
  const auto close = declaration.find(declaration[pos], pos + 1);
  if (close == npos) return nullptr;
  const auto value = declaration.substr(pos + 1, close - pos - 1);
  if (std::any_of(value.begin(), value.end(),
                  [](char c) { return static_cast<unsigned char>(c) <= 0x20; })) {
    return nullptr;
  }
  return as_document_encoding(find_encoding(value));
}

class meta_prescan {
 public:
  explicit meta_prescan(std::string_view bytes) : bytes_(bytes.substr(0, prescan_limit)) {}

  // The standard's algorithm: running out of bytes anywhere, even inside a <meta> whose
  // charset was already read, ends the scan with the XML-declaration fallback.
  const encoding* run() {
    if (bytes_.starts_with(std::string_view("<\0?\0x\0", 6))) return &utf_16le;
    if (bytes_.starts_with(std::string_view("\0<\0?\0x", 6))) return &utf_16be;
    for (; pos_ < bytes_.size() && !exhausted_; ++pos_) {
      const auto rest = bytes_.substr(pos_);
      if (rest.starts_with("<!--")) {
        // The '>' of "-->", whose dashes may be those of "<!--" itself ("<!-->").
        skip_to(bytes_.find("-->", pos_ + 2), 2);
      } else if (rest.size() >= 6 && equals_ignoring_ascii_case(rest.substr(0, 5), "<meta") &&
                 (is_ascii_whitespace(rest[5]) || rest[5] == '/')) {
        pos_ += 5;
        if (const encoding* found = meta_element()) return found;
      } else if (rest.size() >= 2 && rest[0] == '<' &&
                 (is_ascii_alpha(rest[1]) ||
                  (rest.size() >= 3 && rest[1] == '/' && is_ascii_alpha(rest[2])))) {
        skip_to(bytes_.find_first_of("\t\n\f\r >", pos_), 0);
        while (!exhausted_ && get_attribute()) {
        }
      } else if (rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?")) {
        skip_to(bytes_.find('>', pos_), 0);
      }
    }
    return encoding_from_xml_declaration(bytes_);
  }

 private:
  struct attribute {
    std::string name;
    std::string value;
  };

  void skip_to(std::size_t found, std::size_t offset) {
    if (found == npos) {
      exhausted_ = true;
    } else {
      pos_ = found + offset;
    }
  }

  bool at_end() {
    if (pos_ >= bytes_.size()) exhausted_ = true;
    return exhausted_;
  }

  // After "<meta", at the space or slash that followed it.
  const encoding* meta_element() {
    std::vector<std::string> seen;
    bool got_pragma = false;
    std::optional<bool> need_pragma;
    std::optional<const encoding*> charset;  // nullopt: none yet; nullptr: unknown label
    while (auto attr = get_attribute()) {
      if (std::find(seen.begin(), seen.end(), attr->name) != seen.end()) continue;
      seen.push_back(attr->name);
      if (attr->name == "http-equiv") {
        if (attr->value == "content-type") got_pragma = true;
      } else if (attr->name == "content") {
        const encoding* from_content = encoding_from_meta_content(attr->value);
        if (from_content && !charset) {
          charset = from_content;
          need_pragma = true;
        }
      } else if (attr->name == "charset") {
        charset = find_encoding_in_document(attr->value);
        need_pragma = false;
      }
    }
    if (exhausted_ || !need_pragma || (*need_pragma && !got_pragma)) return nullptr;
    return as_document_encoding(*charset);
  }

  // "Get an attribute"; nullopt when there is none (or the bytes ran out: exhausted_).
  std::optional<attribute> get_attribute() {
    while (!at_end() && (is_ascii_whitespace(bytes_[pos_]) || bytes_[pos_] == '/')) ++pos_;
    if (at_end() || bytes_[pos_] == '>') return std::nullopt;
    attribute attr;
    for (;; ++pos_) {
      if (at_end()) return std::nullopt;
      const char c = bytes_[pos_];
      if (c == '=' && !attr.name.empty()) {
        ++pos_;
        return read_value(std::move(attr));
      }
      if (is_ascii_whitespace(c)) break;
      if (c == '/' || c == '>') return attr;
      attr.name += to_ascii_lower(c);
    }
    while (!at_end() && is_ascii_whitespace(bytes_[pos_])) ++pos_;
    if (at_end()) return std::nullopt;
    if (bytes_[pos_] != '=') return attr;
    ++pos_;
    return read_value(std::move(attr));
  }

  std::optional<attribute> read_value(attribute attr) {
    while (!at_end() && is_ascii_whitespace(bytes_[pos_])) ++pos_;
    if (at_end()) return std::nullopt;
    const char first = bytes_[pos_];
    if (first == '"' || first == '\'') {
      for (++pos_; !at_end(); ++pos_) {
        if (bytes_[pos_] == first) {
          ++pos_;
          return attr;
        }
        attr.value += to_ascii_lower(bytes_[pos_]);
      }
      return std::nullopt;
    }
    if (first == '>') return attr;
    for (; !at_end(); ++pos_) {
      const char c = bytes_[pos_];
      if (is_ascii_whitespace(c) || c == '>') return attr;
      attr.value += to_ascii_lower(c);
    }
    return std::nullopt;
  }

  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool exhausted_ = false;
};

}  // namespace

const encoding* prescan_meta_encoding(std::string_view bytes) { return meta_prescan(bytes).run(); }

std::optional<std::string> prescan_meta_charset(std::string_view bytes) {
  if (const encoding* e = prescan_meta_encoding(bytes)) return std::string(e->name);
  return std::nullopt;
}

}  // namespace geocrawl
