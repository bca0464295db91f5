#pragma once
// The lexicon of data/lexicon/, compiled into the binary so geocrawl works from any
// directory; the TSV files stay the one place terms are edited.
#include "parsers/lexicon.hpp"

namespace geocrawl {

lexicon load_shipped_lexicon();

}  // namespace geocrawl
