#include "parsers/nesting_guard/html_nesting.hpp"

#include <doctest/doctest.h>
#include <gumbo.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

constexpr std::size_t unlimited = std::size_t{1} << 40;

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

std::size_t cut(std::string_view html, std::size_t max_depth,
                std::size_t max_reconstructed = unlimited) {
  return bounded_html_prefix(html, {max_depth, max_reconstructed});
}

// The smallest depth limit the whole document passes: the model's estimate of its nesting.
std::size_t estimated_depth(std::string_view html) {
  std::size_t low = 1;
  std::size_t high = 1 << 16;
  while (low < high) {
    const std::size_t mid = (low + high) / 2;
    if (cut(html, mid) == html.size()) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return low;
}

// How deeply gumbo nests elements (<html> at 1), walked without recursion.
std::size_t gumbo_depth(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  std::size_t deepest = 0;
  std::vector<std::pair<const GumboNode*, std::size_t>> stack{{output->document, 0}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE &&
        node->type != GUMBO_NODE_DOCUMENT) {
      continue;
    }
    if (node->type != GUMBO_NODE_DOCUMENT) deepest = std::max(deepest, depth);
    const GumboVector& children =
        node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
  }
  gumbo_destroy_output(&options, output);
  return deepest;
}

TEST_CASE("ordinary markup passes a small depth limit whole") {
  // Each piece is repeated: what the tree builder closes implicitly must not add up.
  const std::string_view pieces[] = {
      "<p>unclosed paragraph",
      "<ul><li>one<li>two</ul>",
      "<dl><dt>term<dd>definition</dl>",
      "<table><tr><td>cell<td>cell<tr><td>row</table>",
      "<table><td>no tr</table>",
      "<p><b>misnested</p>text</b>",
      "<p><font face=x>font</p>",
      "<b><i>crossed</b></i>",
      "<a href=x><div>block in link</div></a>",
      "<div><p>para</div>",
      "<h1>one</h2>",
      "<select><option>a<option>b<optgroup><option>c</select>",
      "<svg><g><path/><circle/></g></svg>",
      "<math><mi>x</mi></math>",
      "<form><input></form>",
      "<noscript><div>x</div></noscript>",
      "<template><tr><td>x</td></tr></template>",
      "<ruby>漢<rt>かん<rt>じ</ruby>",
      "<script>document.write('<div><div><div>')</script>",
      "<!-- <div><div><div> -->",
      "<textarea><div><div></textarea>",
      "<object><b>fallback</object>",
  };
  for (const auto piece : pieces) {
    CAPTURE(piece);
    const auto html = repeat(piece, 200);
    CHECK(cut(html, 8) == html.size());
  }
}

TEST_CASE("deep nesting is cut where it passes the limit") {
  struct example {
    std::string_view name;
    std::string html;
    std::size_t offset;  // the tag that would go one level too deep
  };
  const example examples[] = {
      {"div", repeat("<div>", 100), 10 * 5},
      {"b", repeat("<b>", 100), 10 * 3},
      {"custom", repeat("<x-a>", 100), 10 * 5},
      {"svg", "<svg>" + repeat("<g>", 100), 5 + 9 * 3},
      {"cells", repeat("<table><tr><td>", 100), 2 * 15 + 7},  // table, tbody, tr, td per level
      {"after text", "text" + repeat("<span>", 100), 4 + 10 * 6},
  };
  for (const auto& [name, html, offset] : examples) {
    CAPTURE_BINDING(name);
    CHECK(cut(html, 10) == offset);
  }
}

TEST_CASE("tricks that hide markup from a naive scanner do not hide depth") {
  // Each document nests at least 50 elements that gumbo builds; the model must see them.
  const std::string deep = repeat("<div>", 50);
  const std::string documents[] = {
      "<!-- --!>" + deep,                                  // a comment closed by --!>
      "<!-->" + deep,                                      // an empty comment
      "<script><!--<script></script>--></script>" + deep,  // script escape states
      "<title></titlex></title>" + deep,
      "<p title='>'>" + deep,                      // '>' inside a quoted value
      "<svg><![CDATA[>]]><foreignObject>" + deep,  // CDATA in foreign content
      "<svg><style>" + repeat("<g>", 50),          // <style> in SVG is not raw text
      "<select><div></select>" + deep,
      repeat("<span><div></span>", 50),   // </span> cannot cross a <div>
      repeat("<other><g/></other>", 50),  // gumbo matches unknown end tags loosely
      repeat("<form><div></form>", 50),   // </form> removes only the form
  };
  for (const auto& html : documents) {
    CAPTURE(html.substr(0, 60));
    CHECK(gumbo_depth(html) >= 50);
    CHECK(estimated_depth(html) >= 50);
  }
}

TEST_CASE("re-created formatting elements are bounded") {
  std::string html = "<p>";
  for (int i = 0; i < 100; ++i) html += "<b id=" + std::to_string(i) + ">";
  html += "</p>";
  const auto bomb_start = html.size();
  html += repeat("<p>x</p>", 1000);  // each paragraph re-creates the 100 <b>s
  const auto at = cut(html, unlimited, 4096);
  CHECK(at > bomb_start);
  CHECK(at < bomb_start + 50 * 8);  // about 40 paragraphs in
  CHECK(cut(html, unlimited, unlimited) == html.size());

  // Noah's Ark: identical formatting elements are kept three at most.
  const auto same = repeat("<p><b>x</p>", 2000);
  CHECK(cut(same, 16, 8192) == same.size());
}

TEST_CASE("after a <frameset> every start tag counts") {
  const std::string frames =
      "<frameset cols='50%,50%'><frame src=a><frame src=b><noframes>no</noframes></frameset>";
  CHECK(cut(frames, 8) == frames.size());
  const auto many = "<frameset>" + repeat("<frame></frame>", 20);
  CHECK(cut(many, 8) < many.size());
  // Once there is body text, gumbo ignores a <frameset>, and so does the model.
  const auto late = "text<frameset>" + repeat("<frame></frame>", 20);
  CHECK(cut(late, 8) == late.size());
}

TEST_CASE(
    "text of NULs and white space leaves a <frameset> possible, any other character does not") {
  // Gumbo drops NULs in the body and keeps frameset-ok through white space.
  const auto frames = "<frameset>" + repeat("<frame></frame>", 20);
  for (const std::string& lead :
       {std::string("\0\0", 2), std::string(" \n\t"), std::string(" \0\n", 3)}) {
    CHECK(cut(lead + frames, 8) < lead.size() + frames.size());
  }
  for (const std::string& lead :
       {std::string("\0x", 2), std::string(" \0x\n", 4), std::string("x\0", 2)}) {
    CHECK(cut(lead + frames, 8) == lead.size() + frames.size());
  }
}

TEST_CASE("gumbo's quirks the model follows") {
  // Each of these, repeated, once grew gumbo's tree past the model's estimate. They pin
  // down where gumbo 0.10.1 differs from today's HTML Standard or from a simple reading.
  const std::string_view pieces[] = {
      "<font face=x><nobr></font></p><rt>",          // </p> without <p> re-creates nothing
      "<noscript><svg></noscript><td>",              // <noscript> in the head closes early
      "</head><noscript>",                           // ... but not after </head>
      "<noscript></br>",                             // </br> leaves the head
      "<template><col></template><rt><ul><dd><li>",  // column group mode in a template
      "<colgroup><template><tr><col><dialog><u>",    // column groups hold templates
      "<u><template><select></template><button>",    // </template> clears formatting once
      "</table><h1><path/></tr><template><tr>",      // table end tags close row by row
      "<caption><dt><my-el><annotation-xml encoding=text/html><template><colgroup><select>",
      "<template><tr></textarea><tbody><option><marquee><textarea>",
      "<form><div><template><p><form><g/>",       // forms nest inside templates
      "<form><p></form><optgroup>",               // </form> closes implied end tags first
      "<table></select><select></table><my-el>",  // "in select in table"
      "<select><svg><g><desc>",                   // <select> ignores foreign content
      "<table><svg></table><li><dt>",             // </table> closes across SVG
      "<p><big><math><marquee></p><br>",          // scopes are namespace-aware
      "<marquee><u><button><section><svg></u>",   // the adoption agency, step by step
      "<main><p>",                                // <main> closes a <p>
      "<ruby><p><rtc>",                           // <rtc> closes implied end tags
      "<template>--></template><frameset>",       // template text keeps frameset-ok
      "<other><g/></other><center><span><br>",    // unknown end tags match any unknown
      "</template><img><template><big><object>",  // markers outlive their elements
  };
  for (const auto piece : pieces) {
    CAPTURE(piece);
    const auto html = repeat(piece, 32);
    CHECK(gumbo_depth(html) <= 2 * estimated_depth(html) + 6);
  }
}

TEST_CASE("markup that aborts gumbo never reaches it") {
  // Debian's gumbo keeps its assertions, and these trip them: abort(), whatever thread.
  const std::string_view documents[] = {
      "<table><svg><title><![CDATA[a]]>x",  // CDATA at an integration point, in a table
      "<table><math><mi><![CDATA[a]]>x",
      "<table><svg><select><title><select><tbody>",  // foreign elements named like HTML ones
      "<math><tbody></table><g><table>",
      "<table><svg><frameset><foreignObject><![CDATA[y]]> ",
      "<frameset><svg><title><![CDATA[a]]>",  // after a <frameset>, where the model is blind
  };
  for (const auto html : documents) {
    CAPTURE(html);
    CHECK(cut(html, unlimited) < html.size());
  }
}

// A deterministic stream of tag soup from the constructs where tree builders disagree
// most; each document is also repeated, so that a rule the model gets wrong by one level
// shows as unbounded growth.
TEST_CASE("the estimate keeps up with gumbo's own trees on random tag soup") {
  const std::string_view pieces[] = {
      "<div>",
      "</div>",
      "<p>",
      "</p>",
      "<span>",
      "</span>",
      "<b>",
      "</b>",
      "<i>",
      "</i>",
      "<b id=1>",
      "<a href=x>",
      "</a>",
      "<nobr>",
      "<font color=red>",
      "</font>",
      "<table>",
      "</table>",
      "<tr>",
      "</tr>",
      "<td>",
      "</td>",
      "<th>",
      "<tbody>",
      "<caption>",
      "</caption>",
      "<col>",
      "<colgroup>",
      "<li>",
      "</li>",
      "<ul>",
      "<dd>",
      "<dt>",
      "<h1>",
      "</h2>",
      "<form>",
      "</form>",
      "<select>",
      "</select>",
      "<option>",
      "<optgroup>",
      "<svg>",
      "</svg>",
      "<math>",
      "<mi>",
      "<foreignObject>",
      "<desc>",
      "<annotation-xml encoding=text/html>",
      "<g>",
      "</g>",
      "<g/>",
      "<div/>",
      "<style>",
      "</style>",
      "<script>",
      "</script>",
      "<textarea>",
      "</textarea>",
      "<template>",
      "</template>",
      "<frameset>",
      "<button>",
      "</button>",
      "<object>",
      "</object>",
      "<marquee>",
      "<noscript>",
      "</noscript>",
      "<head>",
      "</head>",
      "<body>",
      "<br>",
      "</br>",
      "<img>",
      "<input type=hidden>",
      "<main>",
      "<ruby>",
      "<rt>",
      "<rtc>",
      "<my-el>",
      "</my-el>",
      "<plaintext>",
      "x",
      " ",
      "<!--",
      "-->",
      "<![CDATA[",
      "]]>",
  };
  constexpr std::size_t piece_count = std::size(pieces);
  std::uint64_t state = 0x9E3779B97F4A7C15;
  const auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  struct run {
    int documents;
    std::size_t pieces;
    int repeats;
  };
  for (const auto& [documents, length, repeats] : {run{1500, 40, 1}, run{300, 20, 16}}) {
    for (int d = 0; d < documents; ++d) {
      std::string one;
      const std::size_t n = 1 + next() % length;
      for (std::size_t k = 0; k < n; ++k) one += pieces[next() % piece_count];
      const auto html = repeat(one, static_cast<std::size_t>(repeats));
      if (cut(html, unlimited) < html.size()) continue;  // refused: gumbo may abort on it
      const auto built = gumbo_depth(html);
      const auto estimate = estimated_depth(html);
      CAPTURE(one);
      // gumbo adds <html> and <body>, and leaf elements the model does not count; the
      // adoption agency can lift part of a tree above the stack it came from.
      CHECK(built <= 2 * estimate + 6);
    }
  }
}

}  // namespace
}  // namespace geocrawl
