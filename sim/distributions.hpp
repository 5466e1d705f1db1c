// Samplers of our own, parameterised the way users think (mean and coefficient of variation,
// min/mode/max, tables). std::*_distribution is avoided on purpose: its algorithms differ
// between standard libraries, and results must be bit-identical everywhere.
//
// Algorithms: inversion for exponential, uniform, triangular, Weibull, empirical, Bernoulli and
// discrete choice; lognormal through the inverse normal CDF (Boost.Math erfc_inv, deterministic
// code); gamma by Marsaglia & Tsang (ACM TOMS 26(3), 2000) with the u^(1/k) boost for k < 1;
// Erlang-k as -mean/k * log(prod u_i).
//
// A Distribution is a small value type with a switch on its kind: no virtual call per draw.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/random.hpp"

namespace sim {

class Distribution {
 public:
  enum class Kind : std::uint8_t {
    Deterministic,
    Exponential,
    Uniform,
    Triangular,
    Lognormal,
    Gamma,
    Erlang,
    Weibull,
    Empirical
  };

  Distribution() : Distribution(Kind::Deterministic, 0, 0, 0) {}

  static Distribution deterministic(double value);
  static Distribution exponential(double mean);
  static Distribution uniform(double lo, double hi);
  static Distribution triangular(double min, double mode, double max);
  static Distribution lognormal(double mean, double cv);
  static Distribution gamma(double mean, double cv);
  static Distribution erlang(double mean, int k);
  static Distribution weibull(double shape, double scale);
  // Piecewise-linear CDF through (x_i, F_i): F_0 = 0, F_last = 1, both non-decreasing.
  static Distribution empirical(std::vector<double> xs, std::vector<double> cdf);

  double sample(Uniforms& u) const;

  Kind kind() const { return kind_; }
  double mean() const;
  double variance() const;
  double second_moment() const { return variance() + mean() * mean(); }
  double cv() const;
  std::string describe() const;  // e.g. "lognormal(mean=300, cv=0.5)", in the given units
  // A copy with every value multiplied by f (units conversion, e.g. minutes to seconds).
  Distribution scaled(double f) const;

 private:
  Distribution(Kind k, double a, double b, double c) : kind_(k), a_(a), b_(b), c_(c) {}
  Kind kind_;
  double a_, b_, c_;             // meaning depends on kind
  double p1_ = 0, p2_ = 0;       // derived parameters (lognormal mu/sigma, gamma shape/scale)
  std::vector<double> xs_, fs_;  // empirical table
};

// Standard normal quantile, deterministic.
double normal_quantile(double p);
// Standard normal by inversion of one uniform.
inline double normal(Uniforms& u) {
  return normal_quantile(u.next());
}

class Bernoulli {
 public:
  explicit Bernoulli(double p);
  bool sample(Uniforms& u) const { return u.next() < p_; }
  double p() const { return p_; }

 private:
  double p_;
};

// Index i with probability w_i / sum(w).
class DiscreteChoice {
 public:
  explicit DiscreteChoice(std::vector<double> weights);
  std::size_t sample(Uniforms& u) const;
  std::size_t size() const { return cum_.size(); }
  double probability(std::size_t i) const;

 private:
  std::vector<double> cum_;
};

}  // namespace sim
