#pragma once
// `geocrawl merge --into F [--partial] SHARD.db...`: the shards of a night (or any databases)
// copied into one database, each in its own transaction (crawler/store/shard_merge).
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace geocrawl {

struct merge_command_options {
  std::string into;                 // the target database, created when missing
  std::vector<std::string> shards;  // merged in this order
  bool partial = false;             // merge runs that are not done too
};

// Adds `merge` to the program's command line, filling `options` when parsed; returns it.
CLI::App* add_merge_command(CLI::App& app, merge_command_options& options);

// Each run merged into is then numbered whole (crawler/cli/run_networks.hpp, the default
// [networks] rules), a line of the output either way.
// Exit status: 0 when every shard is merged (or was already); 3 when every shard is merged but
// a merged run's networks could not be numbered (`geocrawl networks --db F --run ID` numbers
// them later); 1 when a shard is refused (a
// newer schema, a run not done without --partial, a config fingerprint that differs from its
// label's run in the target, the target itself) or a database cannot be read or written. The
// shards before it stay merged, the ones after it are not tried: fix it and run the same
// command again, which skips what is merged.
int run_merge_command(const merge_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
