#include "sim/distributions.hpp"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "sim/philox.hpp"

namespace sim {

namespace {
void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}
}  // namespace

double normal_quantile(double p) {
  return -std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * p);
}

Distribution Distribution::deterministic(double value) {
  require(value >= 0 && std::isfinite(value), "deterministic value must be finite and >= 0");
  return Distribution(Kind::Deterministic, value, 0, 0);
}

Distribution Distribution::exponential(double mean) {
  require(mean > 0 && std::isfinite(mean), "exponential mean must be > 0");
  return Distribution(Kind::Exponential, mean, 0, 0);
}

Distribution Distribution::uniform(double lo, double hi) {
  require(lo >= 0 && hi >= lo && std::isfinite(hi), "uniform needs 0 <= lo <= hi");
  return Distribution(Kind::Uniform, lo, hi, 0);
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require(min >= 0 && min <= mode && mode <= max && max > min && std::isfinite(max),
          "triangular needs 0 <= min <= mode <= max, min < max");
  return Distribution(Kind::Triangular, min, mode, max);
}

Distribution Distribution::lognormal(double mean, double cv) {
  require(mean > 0 && cv > 0 && std::isfinite(mean) && std::isfinite(cv),
          "lognormal needs mean > 0 and cv > 0");
  Distribution d(Kind::Lognormal, mean, cv, 0);
  double s2 = std::log1p(cv * cv);
  d.p2_ = std::sqrt(s2);
  d.p1_ = std::log(mean) - 0.5 * s2;
  return d;
}

Distribution Distribution::gamma(double mean, double cv) {
  require(mean > 0 && cv > 0 && std::isfinite(mean) && std::isfinite(cv),
          "gamma needs mean > 0 and cv > 0");
  Distribution d(Kind::Gamma, mean, cv, 0);
  d.p1_ = 1.0 / (cv * cv);  // shape
  d.p2_ = mean / d.p1_;     // scale
  return d;
}

Distribution Distribution::erlang(double mean, int k) {
  require(mean > 0 && k >= 1, "erlang needs mean > 0 and k >= 1");
  return Distribution(Kind::Erlang, mean, k, 0);
}

Distribution Distribution::weibull(double shape, double scale) {
  require(shape > 0 && scale > 0, "weibull needs shape > 0 and scale > 0");
  return Distribution(Kind::Weibull, shape, scale, 0);
}

Distribution Distribution::empirical(std::vector<double> xs, std::vector<double> cdf) {
  require(xs.size() >= 2 && xs.size() == cdf.size(), "empirical needs >= 2 points");
  require(cdf.front() == 0.0 && cdf.back() == 1.0, "empirical CDF must start at 0 and end at 1");
  for (std::size_t i = 1; i < xs.size(); ++i)
    require(xs[i] >= xs[i - 1] && cdf[i] >= cdf[i - 1], "empirical table must be non-decreasing");
  require(xs.front() >= 0, "empirical values must be >= 0");
  Distribution d(Kind::Empirical, 0, 0, 0);
  d.xs_ = std::move(xs);
  d.fs_ = std::move(cdf);
  return d;
}

double Distribution::sample(Uniforms& u) const {
  switch (kind_) {
    case Kind::Deterministic:
      return a_;
    case Kind::Exponential:
      return -a_ * std::log(u.next());
    case Kind::Uniform:
      return a_ + (b_ - a_) * u.next();
    case Kind::Triangular: {
      double x = u.next();
      double fc = (b_ - a_) / (c_ - a_);
      if (x < fc) return a_ + std::sqrt(x * (c_ - a_) * (b_ - a_));
      return c_ - std::sqrt((1 - x) * (c_ - a_) * (c_ - b_));
    }
    case Kind::Lognormal:
      return std::exp(p1_ + p2_ * normal(u));
    case Kind::Gamma: {
      double k = p1_;
      double boost = 1.0;
      if (k < 1.0) {  // G(k) = G(k+1) * U^(1/k)
        boost = std::pow(u.next(), 1.0 / k);
        k += 1.0;
      }
      const double d = k - 1.0 / 3.0;
      const double c = 1.0 / std::sqrt(9.0 * d);
      for (;;) {
        double z = normal(u);
        double v = 1.0 + c * z;
        if (v <= 0) continue;
        v = v * v * v;
        double x = u.next();
        if (std::log(x) < 0.5 * z * z + d - d * v + d * std::log(v)) return d * v * p2_ * boost;
      }
    }
    case Kind::Erlang: {
      int k = static_cast<int>(b_);
      double prod = 1.0;
      for (int i = 0; i < k; ++i) prod *= u.next();
      return -(a_ / k) * std::log(prod);
    }
    case Kind::Weibull:
      return b_ * std::pow(-std::log(u.next()), 1.0 / a_);
    case Kind::Empirical: {
      double x = u.next();
      auto it = std::upper_bound(fs_.begin(), fs_.end(), x);
      std::size_t i = static_cast<std::size_t>(it - fs_.begin());  // fs_[i-1] <= x < fs_[i]
      if (i >= fs_.size()) return xs_.back();
      double f0 = fs_[i - 1], f1 = fs_[i];
      return xs_[i - 1] + (xs_[i] - xs_[i - 1]) * (x - f0) / (f1 - f0);
    }
  }
  return 0;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::Deterministic:
    case Kind::Exponential:
    case Kind::Lognormal:
    case Kind::Gamma:
    case Kind::Erlang:
      return a_;
    case Kind::Uniform:
      return 0.5 * (a_ + b_);
    case Kind::Triangular:
      return (a_ + b_ + c_) / 3.0;
    case Kind::Weibull:
      return b_ * std::tgamma(1.0 + 1.0 / a_);
    case Kind::Empirical: {
      double m = 0;
      for (std::size_t i = 1; i < xs_.size(); ++i)
        m += (fs_[i] - fs_[i - 1]) * 0.5 * (xs_[i] + xs_[i - 1]);
      return m;
    }
  }
  return 0;
}

double Distribution::variance() const {
  switch (kind_) {
    case Kind::Deterministic:
      return 0;
    case Kind::Exponential:
      return a_ * a_;
    case Kind::Uniform:
      return (b_ - a_) * (b_ - a_) / 12.0;
    case Kind::Triangular:
      return (a_ * a_ + b_ * b_ + c_ * c_ - a_ * b_ - a_ * c_ - b_ * c_) / 18.0;
    case Kind::Lognormal:
    case Kind::Gamma:
      return (a_ * b_) * (a_ * b_);
    case Kind::Erlang:
      return a_ * a_ / b_;
    case Kind::Weibull: {
      double g1 = std::tgamma(1.0 + 1.0 / a_), g2 = std::tgamma(1.0 + 2.0 / a_);
      return b_ * b_ * (g2 - g1 * g1);
    }
    case Kind::Empirical: {
      // Each segment is uniform on [x_{i-1}, x_i] with mass dF.
      double m2 = 0;
      for (std::size_t i = 1; i < xs_.size(); ++i) {
        double lo = xs_[i - 1], hi = xs_[i];
        m2 += (fs_[i] - fs_[i - 1]) * (lo * lo + lo * hi + hi * hi) / 3.0;
      }
      double m = mean();
      return m2 - m * m;
    }
  }
  return 0;
}

double Distribution::cv() const {
  double m = mean();
  return m > 0 ? std::sqrt(variance()) / m : 0.0;
}

std::string Distribution::describe() const {
  std::ostringstream os;
  switch (kind_) {
    case Kind::Deterministic:
      os << "deterministic(" << a_ << ")";
      break;
    case Kind::Exponential:
      os << "exponential(mean=" << a_ << ")";
      break;
    case Kind::Uniform:
      os << "uniform(" << a_ << ", " << b_ << ")";
      break;
    case Kind::Triangular:
      os << "triangular(" << a_ << ", " << b_ << ", " << c_ << ")";
      break;
    case Kind::Lognormal:
      os << "lognormal(mean=" << a_ << ", cv=" << b_ << ")";
      break;
    case Kind::Gamma:
      os << "gamma(mean=" << a_ << ", cv=" << b_ << ")";
      break;
    case Kind::Erlang:
      os << "erlang(mean=" << a_ << ", k=" << b_ << ")";
      break;
    case Kind::Weibull:
      os << "weibull(shape=" << a_ << ", scale=" << b_ << ")";
      break;
    case Kind::Empirical:
      os << "empirical(" << xs_.size() << " points)";
      break;
  }
  return os.str();
}

Distribution Distribution::scaled(double f) const {
  switch (kind_) {
    case Kind::Deterministic:
      return deterministic(a_ * f);
    case Kind::Exponential:
      return exponential(a_ * f);
    case Kind::Uniform:
      return uniform(a_ * f, b_ * f);
    case Kind::Triangular:
      return triangular(a_ * f, b_ * f, c_ * f);
    case Kind::Lognormal:
      return lognormal(a_ * f, b_);
    case Kind::Gamma:
      return gamma(a_ * f, b_);
    case Kind::Erlang:
      return erlang(a_ * f, static_cast<int>(b_));
    case Kind::Weibull:
      return weibull(a_, b_ * f);
    case Kind::Empirical: {
      std::vector<double> xs = xs_;
      for (double& x : xs) x *= f;
      return empirical(std::move(xs), fs_);
    }
  }
  return *this;
}

Bernoulli::Bernoulli(double p) : p_(p) {
  require(p >= 0 && p <= 1, "probability must be in [0, 1]");
}

DiscreteChoice::DiscreteChoice(std::vector<double> weights) {
  require(!weights.empty(), "discrete choice needs at least one weight");
  double total = 0;
  for (double w : weights) {
    require(w >= 0 && std::isfinite(w), "weights must be >= 0");
    total += w;
  }
  require(total > 0, "weights must not all be zero");
  double acc = 0;
  cum_.reserve(weights.size());
  for (double w : weights) {
    acc += w;
    cum_.push_back(acc / total);
  }
  cum_.back() = 1.0;
}

std::size_t DiscreteChoice::sample(Uniforms& u) const {
  double x = u.next();
  auto it = std::upper_bound(cum_.begin(), cum_.end(), x);
  std::size_t i = static_cast<std::size_t>(it - cum_.begin());
  // skip zero-weight entries that share a cumulative value
  return std::min(i, cum_.size() - 1);
}

double DiscreteChoice::probability(std::size_t i) const {
  return i == 0 ? cum_[0] : cum_[i] - cum_[i - 1];
}

}  // namespace sim
