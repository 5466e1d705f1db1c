#include "studies/design.hpp"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace studies {

namespace {

// Fisher-Yates with index_below: std::shuffle's use of the engine is implementation-defined.
void shuffle(std::vector<std::size_t>& v, std::mt19937_64& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(index_below(rng, i));
    std::swap(v[i - 1], v[j]);
  }
}

void need(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}

}  // namespace

std::uint64_t index_below(std::mt19937_64& rng, std::uint64_t k) {
  need(k >= 1, "index_below: k must be at least 1");
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  // 2^64 mod k values at the top would favour the low residues; they are drawn again.
  const std::uint64_t excess = (kMax % k + 1) % k;
  const std::uint64_t limit = 0 - excess;  // 2^64 - excess, or 0 (= accept all) when excess is 0
  for (;;) {
    const std::uint64_t x = rng();
    if (excess == 0 || x < limit) return x % k;
  }
}

UnitDesign lhs_design(std::size_t dims, std::size_t n, std::uint64_t seed) {
  need(dims >= 1 && n >= 1, "lhs_design: needs at least one input and one point");
  std::mt19937_64 rng(seed);
  UnitDesign d{DesignKind::Lhs, dims,
               std::vector<std::vector<double>>(n, std::vector<double>(dims)), n, 0};
  std::vector<std::size_t> stratum(n);
  const auto nd = static_cast<double>(n);
  for (std::size_t c = 0; c < dims; ++c) {
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    shuffle(stratum, rng);
    for (std::size_t k = 0; k < n; ++k) {
      const auto s = static_cast<double>(stratum[k]);
      const double x = (s + unit_from_bits(rng())) / nd;
      // Rounding can carry (s + u)/n onto the next stratum's edge; keep it inside its own.
      const double top = std::nextafter((s + 1) / nd, 0.0);
      d.points[k][c] = std::min(std::max(x, s / nd), top);
    }
  }
  return d;
}

UnitDesign grid_design(const std::vector<std::size_t>& levels) {
  need(!levels.empty(), "grid_design: needs at least one input");
  std::size_t total = 1;
  for (std::size_t l : levels) {
    need(l >= 1, "grid_design: every input needs at least one level");
    need(total <= 10'000'000 / l, "grid_design: more than 10^7 points");
    total *= l;
  }
  UnitDesign d{DesignKind::Grid, levels.size(), {}, total, 0};
  d.points.reserve(total);
  std::vector<std::size_t> at(levels.size(), 0);  // an odometer, the last input fastest
  for (std::size_t k = 0; k < total; ++k) {
    std::vector<double> row(levels.size());
    for (std::size_t i = 0; i < levels.size(); ++i)
      row[i] = (static_cast<double>(at[i]) + 0.5) / static_cast<double>(levels[i]);
    d.points.push_back(std::move(row));
    for (std::size_t i = levels.size(); i-- > 0;) {
      if (++at[i] < levels[i]) break;
      at[i] = 0;
    }
  }
  return d;
}

UnitDesign morris_design(std::size_t dims, std::size_t r, std::size_t p, std::uint64_t seed) {
  need(dims >= 1 && r >= 1, "morris_design: needs at least one input and one trajectory");
  need(p >= 2 && p % 2 == 0, "morris_design: the number of levels p must be even and >= 2");
  std::mt19937_64 rng(seed);
  UnitDesign d{DesignKind::Morris, dims, {}, r, p};
  d.points.reserve(r * (dims + 1));
  const std::size_t jump = p / 2;
  const auto centre = [p](std::size_t j) {
    return (static_cast<double>(j) + 0.5) / static_cast<double>(p);
  };
  std::vector<std::size_t> level(dims), order(dims);
  for (std::size_t t = 0; t < r; ++t) {
    for (auto& j : level) j = static_cast<std::size_t>(index_below(rng, p));
    std::iota(order.begin(), order.end(), std::size_t{0});
    shuffle(order, rng);
    std::vector<double> row(dims);
    for (std::size_t i = 0; i < dims; ++i) row[i] = centre(level[i]);
    d.points.push_back(row);
    for (std::size_t i : order) {
      // A start in the lower half steps up, one in the upper half down: both stay on the grid.
      level[i] = level[i] < jump ? level[i] + jump : level[i] - jump;
      row[i] = centre(level[i]);
      d.points.push_back(row);
    }
  }
  return d;
}

// A and B are the two halves of a 2*dims-dimensional Sobol' sequence (Joe-Kuo directions, from
// Boost), starting at the sequence's first point (0, the one Boost skips) so that n a power of two
// is a whole (t,m,s)-net, then randomised by a digital shift: every coordinate's 64 bits XORed
// with a per-dimension random word from the seed. Quasi-random rather than pseudo-random points
// because the Saltelli/Jansen estimators converge faster on them (error near O(1/n) rather than
// O(1/sqrt(n)) for smooth responses), so the same runs give tighter indices; the shift keeps the
// net's balance, makes the points differ by seed and makes each point uniform on the cube.
UnitDesign sobol_design(std::size_t dims, std::size_t n, std::uint64_t seed) {
  need(dims >= 1 && n >= 2, "sobol_design: needs at least one input and two base samples");
  need(2 * dims <= boost::random::default_sobol_table::max_dimension,
       "sobol_design: too many inputs for the Sobol' tables");
  need(n <= 100'000'000 / (dims + 2), "sobol_design: more than 10^8 points");
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> shift(2 * dims);
  for (auto& s : shift) s = rng();
  boost::random::sobol qrng(2 * dims);
  std::vector<std::vector<double>> a(n, std::vector<double>(dims)), b = a;
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t c = 0; c < 2 * dims; ++c) {
      const std::uint64_t bits = (k == 0 ? std::uint64_t{0} : std::uint64_t{qrng()}) ^ shift[c];
      (c < dims ? a[k][c] : b[k][c - dims]) = unit_from_bits(bits);
    }
  }
  UnitDesign d{DesignKind::Sobol, dims, {}, n, 0};
  d.points.reserve(n * (dims + 2));
  for (const auto& row : a) d.points.push_back(row);
  for (const auto& row : b) d.points.push_back(row);
  for (std::size_t i = 0; i < dims; ++i) {
    for (std::size_t k = 0; k < n; ++k) {
      d.points.push_back(a[k]);
      d.points.back()[i] = b[k][i];
    }
  }
  return d;
}

std::string design_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::Lhs:
      return "lhs";
    case DesignKind::Grid:
      return "grid";
    case DesignKind::Morris:
      return "morris";
    case DesignKind::Sobol:
      return "sobol";
  }
  return "lhs";
}

DesignKind parse_design(const std::string& name) {
  for (DesignKind k : {DesignKind::Lhs, DesignKind::Grid, DesignKind::Morris, DesignKind::Sobol})
    if (design_name(k) == name) return k;
  throw std::invalid_argument("unknown design '" + name + "' (lhs, grid, morris or sobol)");
}

double uniform_at(double u, double low, double high) {
  return low + u * (high - low);
}

double log_uniform_at(double u, double low, double high) {
  need(low > 0 && high >= low, "log_uniform_at: needs 0 < low <= high");
  if (high == low) return low;
  const double x = std::exp(std::log(low) + u * (std::log(high) - std::log(low)));
  return std::min(std::max(x, low), high);  // exp(log(x)) can miss the ends by an ulp
}

double triangular_at(double u, double low, double mode, double high) {
  need(low <= mode && mode <= high, "triangular_at: needs low <= mode <= high");
  const double width = high - low;
  if (width == 0) return low;
  if (u * width < mode - low) return low + std::sqrt(u * width * (mode - low));
  return high - std::sqrt((1 - u) * width * (high - mode));
}

std::size_t alternative_at(double u, std::size_t k) {
  need(k >= 1, "alternative_at: needs at least one alternative");
  if (!(u > 0)) return 0;  // also NaN: converting it to an integer would be undefined
  const double j = std::floor(u * static_cast<double>(k));
  return j >= static_cast<double>(k - 1) ? k - 1 : static_cast<std::size_t>(j);
}

}  // namespace studies
