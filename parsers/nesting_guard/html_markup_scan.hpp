#pragma once
// Stepping over HTML markup the way the tokenizer does, without building tokens: where a
// tag, a comment or the raw text of a <script> or <style> ends. Quoted attribute values,
// "--!>" and the script escape states all decide where markup ends, and a scanner that
// gets them wrong can be made to miss tags the parser sees.
#include <cstddef>
#include <string_view>

#include <gumbo.h>

namespace geocrawl {

struct markup_tag {
  std::string_view name;  // as written
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  std::string_view attributes;  // raw text between the name and '>' or "/>"
  bool self_closing = false;
};

// Reads the tag whose name starts at `name_begin` (just after "<" or "</"). Returns the
// offset after its '>', or npos when the input ends inside it: the tokenizer then drops
// the tag.
std::size_t read_markup_tag(std::string_view html, std::size_t name_begin, markup_tag& tag);

// Finds attribute `name` (ASCII case-insensitive) in a tag's raw attribute text.
bool find_markup_attribute(std::string_view attributes, std::string_view name,
                           std::string_view* value);

// Where "</element" followed by whitespace, '/' or '>' ends RCDATA or RAWTEXT content
// (title, textarea, style, iframe, ...), or npos.
std::size_t find_raw_text_end(std::string_view html, std::size_t from, std::string_view element);

// Where "</script" ends script content, following the script data escape states: inside
// "<!--", a "<script" opens a section in which "</script" does not end the script.
std::size_t find_script_end(std::string_view html, std::size_t from);

// Where a comment whose "<!--" ends at `after_open` ends: "<!-->" and "<!--->" close at
// once, otherwise "-->" or "--!>". npos when it runs to the end of the input.
std::size_t find_comment_end(std::string_view html, std::size_t after_open);

bool markup_name_equals(std::string_view a, std::string_view b);  // ASCII case-insensitive

}  // namespace geocrawl
