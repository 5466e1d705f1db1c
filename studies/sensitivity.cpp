#include "studies/sensitivity.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace studies {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void need(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}

void check_level(double level) {
  need(level > 0 && level < 1, "sensitivity: the CI level must be in (0, 1)");
}

// The percentile CI from bootstrap replicates (NaN replicates left out), type-7 quantiles.
Estimate percentile_ci(double value, std::vector<double> reps, double level) {
  std::erase_if(reps, [](double r) { return !std::isfinite(r); });
  if (!std::isfinite(value) || reps.empty()) return {value, kNaN, kNaN};
  std::sort(reps.begin(), reps.end());
  const auto at = [&reps](double q) {
    const double h = q * static_cast<double>(reps.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, reps.size() - 1);
    return reps[lo] + (h - static_cast<double>(lo)) * (reps[hi] - reps[lo]);
  };
  return {value, at((1 - level) / 2), at((1 + level) / 2)};
}

// Saltelli 2010 first-order and Jansen total indices over the base rows `rows` (with repeats
// under the bootstrap). fab[i] holds f(AB_i) by base row.
struct SobolSums {
  std::vector<double> first, total;
  double variance = kNaN;
};
SobolSums sobol_from(const std::vector<double>& fa, const std::vector<double>& fb,
                     const std::vector<std::vector<double>>& fab,
                     const std::vector<std::size_t>& rows) {
  const std::size_t k = fab.size();
  SobolSums s{std::vector<double>(k, kNaN), std::vector<double>(k, kNaN), kNaN};
  const auto m = static_cast<double>(rows.size());
  if (rows.size() < 2) return s;
  double mean = 0;
  for (std::size_t j : rows) mean += fa[j] + fb[j];
  mean /= 2 * m;
  double ss = 0;
  for (std::size_t j : rows)
    ss += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
  s.variance = ss / (2 * m - 1);
  if (!(s.variance > 0)) return s;  // constant y: no share of variance to apportion
  for (std::size_t i = 0; i < k; ++i) {
    double first = 0, total = 0;
    for (std::size_t j : rows) {
      const double diff = fab[i][j] - fa[j];
      // f(B) centred on the mean: the same expectation (E f(AB_i) = E f(A)), but a variance
      // that does not grow with the output's level (a wait of 27 +- 10 min, not 0 +- 10).
      first += (fb[j] - mean) * diff;
      total += diff * diff;
    }
    s.first[i] = first / m / s.variance;
    s.total[i] = total / (2 * m) / s.variance;
  }
  return s;
}

// Gauss-Jordan inverse of a small symmetric positive matrix; false when (near) singular.
bool invert(std::vector<std::vector<double>>& a) {
  const std::size_t n = a.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1;
  double scale = 0;
  for (std::size_t i = 0; i < n; ++i) scale = std::max(scale, std::abs(a[i][i]));
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[piv][c])) piv = r;
    if (!(std::abs(a[piv][c]) > 1e-10 * scale)) return false;
    std::swap(a[c], a[piv]);
    std::swap(inv[c], inv[piv]);
    const double p = a[c][c];
    for (std::size_t j = 0; j < n; ++j) {
      a[c][j] /= p;
      inv[c][j] /= p;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c || a[r][c] == 0) continue;
      const double f = a[r][c];
      for (std::size_t j = 0; j < n; ++j) {
        a[r][j] -= f * a[c][j];
        inv[r][j] -= f * inv[c][j];
      }
    }
  }
  a = std::move(inv);
  return true;
}

}  // namespace

SobolIndices sobol_indices(const UnitDesign& d, const std::vector<double>& y, std::size_t resamples,
                           std::uint64_t seed, double level) {
  need(d.kind == DesignKind::Sobol, "sobol_indices: needs a sobol design");
  check_level(level);
  const std::size_t n = d.base, k = d.dims;
  need(d.points.size() == n * (k + 2) && y.size() == d.points.size(),
       "sobol_indices: one response per design point expected");
  std::vector<double> fa(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n));
  std::vector<double> fb(y.begin() + static_cast<std::ptrdiff_t>(n),
                         y.begin() + static_cast<std::ptrdiff_t>(2 * n));
  std::vector<std::vector<double>> fab(k);
  for (std::size_t i = 0; i < k; ++i)
    fab[i].assign(y.begin() + static_cast<std::ptrdiff_t>((2 + i) * n),
                  y.begin() + static_cast<std::ptrdiff_t>((3 + i) * n));
  std::vector<std::size_t> rows;
  for (std::size_t j = 0; j < n; ++j) {
    bool ok = std::isfinite(fa[j]) && std::isfinite(fb[j]);
    for (std::size_t i = 0; i < k && ok; ++i) ok = std::isfinite(fab[i][j]);
    if (ok) rows.push_back(j);
  }
  const SobolSums point = sobol_from(fa, fb, fab, rows);
  std::vector<std::vector<double>> rep_first(k), rep_total(k);
  if (rows.size() >= 2) {
    std::mt19937_64 rng(seed);
    std::vector<std::size_t> draw(rows.size());
    for (std::size_t b = 0; b < resamples; ++b) {
      for (auto& j : draw) j = rows[index_below(rng, rows.size())];
      const SobolSums s = sobol_from(fa, fb, fab, draw);
      for (std::size_t i = 0; i < k; ++i) {
        rep_first[i].push_back(s.first[i]);
        rep_total[i].push_back(s.total[i]);
      }
    }
  }
  SobolIndices out;
  out.variance = point.variance;
  out.used = rows.size();
  for (std::size_t i = 0; i < k; ++i) {
    out.first.push_back(percentile_ci(point.first[i], std::move(rep_first[i]), level));
    out.total.push_back(percentile_ci(point.total[i], std::move(rep_total[i]), level));
  }
  return out;
}

MorrisEffects morris_effects(const UnitDesign& d, const std::vector<double>& y,
                             std::size_t resamples, std::uint64_t seed, double level) {
  need(d.kind == DesignKind::Morris, "morris_effects: needs a morris design");
  check_level(level);
  const std::size_t k = d.dims, r = d.base, len = k + 1;
  need(d.points.size() == r * len && y.size() == d.points.size(),
       "morris_effects: one response per design point expected");
  // ee[t][i]: trajectory t's elementary effect of input i (NaN when a y is missing).
  std::vector<std::vector<double>> ee(r, std::vector<double>(k, kNaN));
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t s = 0; s + 1 < len; ++s) {
      const auto& p = d.points[t * len + s];
      const auto& q = d.points[t * len + s + 1];
      std::size_t moved = k, count = 0;
      for (std::size_t i = 0; i < k; ++i)
        if (p[i] != q[i]) moved = i, ++count;
      need(count == 1, "morris_effects: a trajectory step must move exactly one input");
      ee[t][moved] = (y[t * len + s + 1] - y[t * len + s]) / (q[moved] - p[moved]);
    }
  }
  // mu* of input i over the trajectories `ts` (with repeats under the bootstrap).
  const auto mu_star_of = [&ee](std::size_t i, const std::vector<std::size_t>& ts) {
    double sum = 0;
    std::size_t m = 0;
    for (std::size_t t : ts)
      if (std::isfinite(ee[t][i])) sum += std::abs(ee[t][i]), ++m;
    return m == 0 ? kNaN : sum / static_cast<double>(m);
  };
  MorrisEffects out;
  std::vector<std::size_t> all(r);
  for (std::size_t t = 0; t < r; ++t) all[t] = t;
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0, sum_abs = 0;
    std::size_t m = 0;
    for (std::size_t t = 0; t < r; ++t)
      if (std::isfinite(ee[t][i])) sum += ee[t][i], sum_abs += std::abs(ee[t][i]), ++m;
    const double mu = m == 0 ? kNaN : sum / static_cast<double>(m);
    double ss = 0;
    for (std::size_t t = 0; t < r; ++t)
      if (std::isfinite(ee[t][i])) ss += (ee[t][i] - mu) * (ee[t][i] - mu);
    out.mu.push_back(mu);
    out.mu_star.push_back(m == 0 ? kNaN : sum_abs / static_cast<double>(m));
    out.sigma.push_back(m < 2 ? kNaN : std::sqrt(ss / static_cast<double>(m - 1)));
  }
  std::vector<std::vector<double>> reps(k);
  std::mt19937_64 rng(seed);
  std::vector<std::size_t> draw(r);
  for (std::size_t b = 0; b < resamples; ++b) {
    for (auto& t : draw) t = static_cast<std::size_t>(index_below(rng, r));
    for (std::size_t i = 0; i < k; ++i) reps[i].push_back(mu_star_of(i, draw));
  }
  for (std::size_t i = 0; i < k; ++i)
    out.mu_star_ci.push_back(percentile_ci(out.mu_star[i], std::move(reps[i]), level));
  return out;
}

Regression standardised_regression(const std::vector<std::vector<double>>& x,
                                   const std::vector<double>& y, double level) {
  check_level(level);
  const std::size_t k = x.size();
  for (const auto& col : x)
    need(col.size() == y.size(), "standardised_regression: one value per point in every column");
  Regression out{std::vector<Estimate>(k, Estimate{kNaN, kNaN, kNaN}), kNaN};
  std::vector<std::size_t> rows;
  for (std::size_t p = 0; p < y.size(); ++p) {
    bool ok = std::isfinite(y[p]);
    for (std::size_t i = 0; i < k && ok; ++i) ok = std::isfinite(x[i][p]);
    if (ok) rows.push_back(p);
  }
  const std::size_t n = rows.size();
  if (n < 2) return out;
  // z-scores of y and of every non-constant column
  const auto zscores = [&rows, n](const std::vector<double>& v) {
    double mean = 0, ss = 0;
    for (std::size_t p : rows) mean += v[p];
    mean /= static_cast<double>(n);
    for (std::size_t p : rows) ss += (v[p] - mean) * (v[p] - mean);
    std::vector<double> z;
    const double sd = std::sqrt(ss / static_cast<double>(n - 1));
    if (!(sd > 0)) return z;
    for (std::size_t p : rows) z.push_back((v[p] - mean) / sd);
    return z;
  };
  const std::vector<double> zy = zscores(y);
  if (zy.empty()) return out;
  std::vector<std::size_t> used;
  std::vector<std::vector<double>> z;
  for (std::size_t i = 0; i < k; ++i) {
    std::vector<double> zi = zscores(x[i]);
    if (zi.empty()) continue;
    used.push_back(i);
    z.push_back(std::move(zi));
  }
  const std::size_t m = used.size();
  if (n <= m) return out;
  // normal equations: (Z'Z) beta = Z'y; the intercept is 0 on z-scores
  std::vector<std::vector<double>> ztz(m, std::vector<double>(m, 0.0));
  std::vector<double> zty(m, 0.0), beta(m, 0.0);
  for (std::size_t a = 0; a < m; ++a) {
    for (std::size_t b = a; b < m; ++b) {
      double s = 0;
      for (std::size_t p = 0; p < n; ++p) s += z[a][p] * z[b][p];
      ztz[a][b] = ztz[b][a] = s;
    }
    for (std::size_t p = 0; p < n; ++p) zty[a] += z[a][p] * zy[p];
  }
  if (!invert(ztz)) return out;
  for (std::size_t a = 0; a < m; ++a)
    for (std::size_t b = 0; b < m; ++b) beta[a] += ztz[a][b] * zty[b];
  double rss = 0;
  for (std::size_t p = 0; p < n; ++p) {
    double fit = 0;
    for (std::size_t a = 0; a < m; ++a) fit += beta[a] * z[a][p];
    rss += (zy[p] - fit) * (zy[p] - fit);
  }
  out.r2 = std::max(0.0, 1 - rss / static_cast<double>(n - 1));  // total SS of z-scores: n-1
  const std::size_t df = n - m - 1;
  double t = kNaN;
  if (df > 0) {
    const boost::math::students_t dist(static_cast<double>(df));
    t = boost::math::quantile(dist, (1 + level) / 2);
  }
  const double sigma2 = df > 0 ? rss / static_cast<double>(df) : kNaN;
  for (std::size_t a = 0; a < m; ++a) {
    const double half = t * std::sqrt(sigma2 * ztz[a][a]);
    out.src[used[a]] = {beta[a], beta[a] - half, beta[a] + half};
  }
  return out;
}

}  // namespace studies
