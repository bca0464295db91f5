#pragma once
// CAPTURE for a structured binding. doctest's CAPTURE reads its variable inside a lambda, and
// clang before 16 (Debian 12 has 14, the asan preset's compiler) cannot capture a structured
// binding in one; this takes a reference to it first. The message reads as CAPTURE's does.
#include <doctest/doctest.h>

#define GEOCRAWL_CAPTURE_CONCAT_(a, b) a##b
#define GEOCRAWL_CAPTURE_CONCAT(a, b) GEOCRAWL_CAPTURE_CONCAT_(a, b)
#define CAPTURE_BINDING(binding)                                                \
  const auto& GEOCRAWL_CAPTURE_CONCAT(captured_binding_, __LINE__) = (binding); \
  INFO(#binding " := " << GEOCRAWL_CAPTURE_CONCAT(captured_binding_, __LINE__))
