#pragma once
// Runs one coroutine per item on an io_context, all at once, and collects their results
// in item order. A coroutine that throws has hit a bug, not a site's or a proxy's doing:
// its slot gets what `on_bug(index, what)` makes of it, and the others go on.
#include <cstddef>
#include <exception>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

namespace geocrawl {

template <class Result, class MakeTask, class OnBug>
std::vector<Result> run_concurrently(boost::asio::io_context& io, std::size_t count, MakeTask make_task,
                                     OnBug on_bug) {
  std::vector<Result> results(count);
  for (std::size_t i = 0; i < count; ++i) {
    boost::asio::co_spawn(io, make_task(i), [&results, &on_bug, i](std::exception_ptr failure, Result result) {
      if (!failure) {
        results[i] = std::move(result);
        return;
      }
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& error) {
        results[i] = on_bug(i, std::string(error.what()));
      }
    });
  }
  io.restart();
  io.run();
  return results;
}

}  // namespace geocrawl
