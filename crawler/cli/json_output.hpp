#pragma once
// The --json output of every command. Boost.JSON writes strings' bytes as they are, which
// keeps non-ASCII text readable (a Japanese title stays Japanese, not \uXXXX) but would also
// pass on a header or certificate name that is not UTF-8, and then the output is no JSON.
#include <string>

#include <boost/json/value.hpp>

namespace geocrawl {

// `value` serialised on one line, with every string's invalid UTF-8 sequences replaced by
// U+FFFD. Object keys are not touched: they are geocrawl's own names.
std::string json_output(boost::json::value value);

}  // namespace geocrawl
