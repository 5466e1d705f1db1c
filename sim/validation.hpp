// Validation against queueing theory: small models on the engine whose long-run averages have
// closed forms. Shared by the test suite (tests/test_validation.cpp) and `bordersim verify`.
//
// Each case runs R independent replications (default 20) with warm-up truncation, forms a
// Student-t 95 % CI per metric, and passes when the closed form lies inside the CI widened by
// at most 10 %. Fixed seeds make every outcome deterministic; nothing is retried.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/stats.hpp"
#include "sim/time.hpp"

namespace sim {

struct ValidationMetric {
  std::string name;
  double theory;
};

struct ValidationCase {
  std::string name;
  std::string description;
  std::vector<ValidationMetric> metrics;
  // One replication: the estimate of each metric, in the order of `metrics`.
  std::function<std::vector<double>(std::uint64_t seed, std::uint32_t replication)> replicate;
};

struct ValidationOptions {
  std::uint64_t seed = kDefaultSeed;
  std::size_t replications = 20;
  unsigned threads = 1;
  double level = 0.95;
  double widen = 1.10;  // the CI may be widened by at most 10 %
};

struct MetricResult {
  std::string name;
  double theory;
  Interval ci;
  bool pass;
};

struct CaseResult {
  std::string name;
  std::string description;
  std::vector<MetricResult> metrics;
  bool pass;
};

std::vector<ValidationCase> validation_cases();
CaseResult run_validation(const ValidationCase& c, const ValidationOptions& opt = {});

// Closed forms, exposed for tests and documentation.
double erlang_c(int c, double offered_load);  // P(wait) in M/M/c, offered load a = lambda/mu
double mmck_blocking(int c, int k, double offered_load);
// M/M/c+M (Erlang A, exponential patience at rate theta): the probability of abandoning, the mean
// wait of those served, and the mean queue length, from the birth-death chain.
struct ErlangA {
  double p_abandon = 0, wait_served = 0, queue_mean = 0;
};
ErlangA erlang_a(int c, double lambda, double mu, double theta);

}  // namespace sim
