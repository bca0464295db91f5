#pragma once
// A strict reader of TOML tables: typed values with their ranges, and every key nobody asked
// for reported as unknown, each mistake a config_error "FILE:LINE: PATH.KEY: what is wrong".
// It knows TOML and ${VAR} expansion, nothing of geocrawl's own keys (those are in
// crawler/config/config.cpp).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "crawler/config/config_error.hpp"
#include "crawler/config/env_expansion.hpp"

namespace geocrawl {

// The whole document, or a config_error "SOURCE:LINE: what the TOML parser found".
toml::table parse_toml_document(std::string_view toml_text, std::string_view source_name);

// The keys of each table as the file writes the table ("" for the top level, "[limits]",
// "[[proxy]]"), learnt from what the readers ask for: an unknown key is matched against it
// to name the key meant or the table the key belongs in.
using key_catalogue = std::map<std::string, std::set<std::string, std::less<>>, std::less<>>;

// Reads one table, remembering which keys were asked for so that every other key can be
// reported as unknown.
class toml_table_reader {
 public:
  // `prefix` is the table's path as errors name it, "" or ending in '.' ("limits.",
  // "proxy[0]."). Every key asked for is added to `catalogue`, which must outlive the reader.
  toml_table_reader(const toml::table& table, std::string prefix, std::string_view source,
                    const environment_lookup& environment, key_catalogue& catalogue);

  // A reader of a table inside this one, reporting errors in the same file.
  toml_table_reader nested(const toml::table& table, std::string prefix) const;

  [[noreturn]] void fail(const toml::node& node, std::string_view key, std::string_view what) const;

  // The value under `key`, or nullptr; either way `key` counts as known.
  const toml::node* find(std::string_view key);
  // A reader of the table [key], whose errors name its keys "key.name"; nullopt when the
  // table is absent.
  std::optional<toml_table_reader> nested_table(std::string_view key);
  // The tables [[key]], or nullptr when there are none.
  const toml::array* array_of_tables(std::string_view key);

  // Each read leaves `out` as it is when the key is absent. Strings have ${VAR} expanded.
  void read(std::string_view key, std::string& out);
  void read(std::string_view key, bool& out);
  template <class Integer>
  void read(std::string_view key, Integer& out, std::int64_t min, std::int64_t max) {
    if (const auto* node = find(key))
      out = static_cast<Integer>(integer_in_range(*node, key, min, max));
  }

  enum class zero { refused, allowed };

  // Seconds in the file, milliseconds inside: 0.5 is a valid timeout. At most a day.
  void read_seconds(std::string_view key, std::chrono::milliseconds& out,
                    zero zero_is = zero::refused);

  // Everything in the table that no read asked for is a mistake in the file: the error
  // suggests the nearest key of this table in the catalogue, or names the table that has it.
  void reject_unknown_keys() const;

 private:
  std::int64_t integer_in_range(const toml::node& node, std::string_view key, std::int64_t min,
                                std::int64_t max) const;

  std::string unknown_key_hint(std::string_view key) const;

  const toml::table& table_;
  std::string prefix_;
  std::string table_name_;  // the catalogue's name for the table
  std::string_view source_;
  const environment_lookup& environment_;
  key_catalogue& catalogue_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace geocrawl
