#pragma once
// What vouched for a view's exit, in words for the site page and the complaint: the check it
// relied on and how old that check was, why the exit is not verified, or that it moved while
// the view was served. Plain text: the page escapes it.
#include <string>
#include <vector>

#include "crawler/view/view.hpp"

namespace geocrawl {

// One line each, most important first; none for a view without a check (a direct view
// whose exit was verified at the start carries the start's check).
std::vector<std::string> exit_check_lines(const view& seen);

}  // namespace geocrawl
