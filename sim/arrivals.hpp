// Non-homogeneous Poisson arrivals from a piecewise-constant rate, by inversion of the
// cumulative rate: the next arrival after t is the s with Lambda(s) - Lambda(t) = E, E ~ Exp(1).
// One exponential per arrival and no thinning, so a variant that changes the rate profile still
// consumes exactly one draw per arrival (the stream stays aligned with the baseline).
#pragma once

#include <vector>

namespace sim {

class PiecewiseRate {
 public:
  // Segment i covers [starts[i], starts[i+1]) with rate rates[i] (events per second); the last
  // segment runs to infinity, or, if period > 0, the whole pattern repeats every `period`
  // seconds (starts[0] must then be 0 and starts.back() < period).
  PiecewiseRate(std::vector<double> starts, std::vector<double> rates, double period = 0);

  // Time of the next arrival after t given a unit-rate exponential e; +inf if the rate stays 0.
  double next(double t, double e) const;
  // Integral of the rate over [a, b].
  double cumulative(double a, double b) const;
  double rate_at(double t) const;

 private:
  std::size_t segment(double t, double& base) const;  // base: start of t's period
  std::vector<double> starts_, rates_;
  double period_;
  double total_period_ = 0;  // integral of the rate over one period
};

}  // namespace sim
