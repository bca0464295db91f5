// Lays out the crawl benchmark's site on disk (bench/crawl_bench.sh):
//   DIR/site/p/<type>/000123.html  each page of make_corpus as served, in its own encoding
//   DIR/utf8/000123.html           the same page in UTF-8, what gumbo_ceiling parses
//   DIR/nginx_types.conf           one nginx location per <type> giving its Content-Type
//   DIR/sites.txt                  one URL per page
//   DIR/sites_<M>.txt              M distinct URLs cycling through the pages (--sites M)
//   write_corpus --out DIR --base-url http://127.0.0.1:8080 [--pages 3000] [--sites 100000]
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/page_corpus.hpp"

namespace geocrawl::bench {

namespace {

namespace fs = std::filesystem;

// A page's directory names its Content-Type: "html" for a bare text/html, else the declared
// charset ("shift_jis"), so nginx can serve each directory with its own header.
std::string type_directory(std::string_view content_type) {
  constexpr std::string_view charset_key = "charset=";
  const auto at = content_type.find(charset_key);
  if (at == std::string_view::npos) return "html";
  std::string name(content_type.substr(at + charset_key.size()));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string page_name(std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "%06zu.html", index);
  return name;
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// Repeats beyond the first pass get a query string: the URLs stay distinct (each one a site
// of its own to the crawler) while nginx serves the same file.
void write_site_list(const fs::path& path, const std::vector<std::string>& page_urls,
                     std::size_t sites) {
  std::ofstream out(path);
  for (std::size_t i = 0; i < sites; ++i) {
    out << page_urls[i % page_urls.size()];
    if (i >= page_urls.size()) out << "?n=" << i;
    out << '\n';
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

void write_nginx_types(const fs::path& path, const std::map<std::string, std::string>& types) {
  std::ofstream out(path);
  out << "# Written by write_corpus: the Content-Type of each page directory.\n";
  for (const auto& [directory, content_type] : types) {
    out << "location /p/" << directory << "/ { types { } default_type \"" << content_type
        << "\"; }\n";
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

struct write_options {
  fs::path out;
  std::string base_url;
  std::size_t pages = 3000;
  std::optional<unsigned> seed;
  std::vector<std::size_t> site_counts;
};

void write_corpus(const write_options& options) {
  const auto corpus =
      options.seed ? make_corpus(options.pages, *options.seed) : make_corpus(options.pages);
  fs::create_directories(options.out / "utf8");
  std::map<std::string, std::string> types;
  std::vector<std::string> page_urls;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const auto& page = corpus[i];
    const auto directory = type_directory(page.content_type);
    types.emplace(directory, page.content_type);
    const auto relative = "p/" + directory + "/" + page_name(i);
    fs::create_directories(options.out / "site" / "p" / directory);
    write_file(options.out / "site" / relative, page.body);
    write_file(options.out / "utf8" / page_name(i), page.utf8);
    page_urls.push_back(options.base_url + "/" + relative);
    bytes += page.body.size();
  }
  write_nginx_types(options.out / "nginx_types.conf", types);
  write_site_list(options.out / "sites.txt", page_urls, page_urls.size());
  for (const auto sites : options.site_counts) {
    write_site_list(options.out / ("sites_" + std::to_string(sites) + ".txt"), page_urls, sites);
  }
  std::cout << "write_corpus: " << corpus.size() << " pages, " << bytes / 1'000'000
            << " MB as served, in " << options.out.string() << "\n";
}

}  // namespace

}  // namespace geocrawl::bench

int main(int argc, char** argv) {
  geocrawl::bench::write_options options;
  CLI::App app{"Write the crawl benchmark's pages, nginx types and site lists to a directory"};
  app.add_option("--out", options.out, "Directory to write (created)")->required();
  app.add_option("--base-url", options.base_url,
                 "Where the site is served, e.g. http://127.0.0.1:8080")
      ->required();
  app.add_option("--pages", options.pages, "Pages to generate")->check(CLI::Range(1, 1'000'000));
  app.add_option("--seed", options.seed, "Corpus seed (default: make_corpus's)");
  app.add_option("--sites", options.site_counts,
                 "Also write sites_<M>.txt with M URLs (repeatable)")
      ->check(CLI::Range(1, 100'000'000));
  CLI11_PARSE(app, argc, argv);
  try {
    geocrawl::bench::write_corpus(options);
  } catch (const std::exception& error) {
    std::cerr << "write_corpus: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
