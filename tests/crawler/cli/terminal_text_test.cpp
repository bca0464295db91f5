#include "crawler/cli/terminal_text.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("page text reaches the terminal with no byte that acts on it") {
  CHECK(terminal_text("バイアグラ通販 50% off") == "バイアグラ通販 50% off");
  CHECK(terminal_text("two\nlines\r\tand \x1b[2J") == "two\\nlines\\r\\tand \\x1b[2J");
  CHECK(terminal_text("del\x7f back\\slash") == "del\\x7f back\\\\slash");
  CHECK(terminal_text("bad \xff byte") == "bad \xEF\xBF\xBD byte");  // U+FFFD
  CHECK(terminal_text("c1 \xC2\x9B"
                      "31m") == "c1 \\u009b31m");
  CHECK(terminal_text("\xE2\x80\xAEtxt.exe \xE2\x81\xA6x") == "\\u202etxt.exe \\u2066x");
  CHECK(terminal_text("say \"hi\"") == "say \"hi\"");
}

TEST_CASE("a quoted title cannot end early") {
  CHECK(quoted_terminal_text("say \"hi\"\nnext") == "\"say \\\"hi\\\"\\nnext\"");
  CHECK(quoted_terminal_text("") == "\"\"");
}

}  // namespace geocrawl
