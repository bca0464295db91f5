// The one translation unit that compiles Asio, Asio.SSL and Beast
// (BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION): every other
// network source only sees declarations, which keeps their compile time down.
#include <cstdio>
#include <cstdlib>
#include <string_view>

// Boost 1.81's HTTP parser asserts n >= 5 in parse_chunk_header where 4 bytes are valid: an
// empty chunked body whose "0\r\n" arrives before the next byte (Beast PR #2861, fixed in
// Boost 1.86; found by tests/fuzz/http_response_fuzz.cpp). The code after the assertion asks
// for more bytes, as it should, but in the builds with assertions (dev, asan) a server could
// abort geocrawl with it. So the assertions compiled here go through the handler below, which
// lets that one pass and fails every other as assert() does. Release builds (NDEBUG) have none.
#define BOOST_ENABLE_ASSERT_DEBUG_HANDLER
#include <boost/assert.hpp>

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>

namespace boost {

void assertion_failed_msg(char const* expr, char const* msg, char const* function, char const* file,
                          long line) {
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed%s%s\n", file, line, function, expr,
               msg ? ": " : "", msg ? msg : "");
  std::abort();
}

void assertion_failed(char const* expr, char const* function, char const* file, long line) {
  if (std::string_view(expr) == "n >= 5" &&
      std::string_view(file).ends_with("beast/http/impl/basic_parser.ipp")) {
    return;
  }
  assertion_failed_msg(expr, nullptr, function, file, line);
}

}  // namespace boost
