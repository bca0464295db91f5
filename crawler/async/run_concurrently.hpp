#pragma once
// gather() for code that is not a coroutine: runs the items on `io` until all are done.
#include <cstddef>
#include <exception>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "crawler/async/gather.hpp"

namespace geocrawl {

template <class Result, class MakeTask, class OnBug>
std::vector<Result> run_concurrently(boost::asio::io_context& io, std::size_t count,
                                     MakeTask make_task, OnBug on_bug) {
  std::vector<Result> results;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, gather<Result>(count, std::move(make_task), std::move(on_bug)),
                        [&](std::exception_ptr error, std::vector<Result> gathered) {
                          failure = error;
                          results = std::move(gathered);
                        });
  io.restart();
  io.run();
  if (failure) std::rethrow_exception(failure);
  return results;
}

}  // namespace geocrawl
