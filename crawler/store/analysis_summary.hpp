#pragma once
// A page analysis as the store keeps it for a rendered DOM: the fields a served view's analysis
// keeps in its columns and side tables (evidence_reader.hpp says which are left out: the visible
// text, meta description, image alt texts, forms beyond whether one was a checkout form, the
// charset the page declared), as one JSON object in rendered_views.analysis. One column instead
// of a second set of side tables, because nothing queries inside it: it is read whole, with its
// view.
#include <optional>
#include <string>
#include <string_view>

#include "parsers/page_analysis.hpp"

namespace geocrawl {

std::string analysis_summary_json(const page_analysis& analysis);

// nullopt for text that is not an object of analysis_summary_json's form (a hand-edited row):
// the view then reads as not analysed, never as a page without drugs.
std::optional<page_analysis> analysis_from_summary(std::string_view json);

}  // namespace geocrawl
