#pragma once
// How much of an HTML document gumbo can be given safely. Gumbo 0.10.1 spends time
// quadratic in the nesting depth (every start tag scans the stack of open elements),
// and re-creates misnested formatting elements (<b>, <font>, ...) at every text run, so a
// few hundred kilobytes of hostile markup can cost minutes and gigabytes. This pre-pass
// follows the tree builder's rules for the stack of open elements and the list of active
// formatting elements closely enough to tell where a document would exceed its bounds,
// so the caller can parse only the part before that point.
#include <cstddef>
#include <string_view>

#include "parsers/nesting_guard/nesting_limits.hpp"

namespace geocrawl {

// The length of the longest prefix of `html` whose parse keeps within `limits`: the
// offset of the tag or text run that would exceed them, or html.size() when the whole
// document fits.
//
// The estimate errs towards deeper nesting wherever the model is unsure, so that a
// document cannot slip a deep tree past it: after a <frameset> it counts every start
// tag and honours no end tag, and misnested formatting end tags pop nothing.
std::size_t bounded_html_prefix(std::string_view html, const nesting_limits& limits);

}  // namespace geocrawl
