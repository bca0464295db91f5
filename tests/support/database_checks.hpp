#pragma once
// Checks on a geocrawl database file that tests of crashes and prunes share.
#include <filesystem>

namespace geocrawl::testing {

// SQLite finds the file sound (integrity_check) and every row points at one that exists
// (foreign_key_check); reported as doctest checks.
void check_database_consistent(const std::filesystem::path& file);

}  // namespace geocrawl::testing
