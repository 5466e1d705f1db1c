#include "studies/explore.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "models/uncertain.hpp"

namespace studies {

namespace {

using models::UncertainInput;

constexpr std::size_t kMorrisLevels = 4;
constexpr std::size_t kResamples = 500;  // bootstrap resamples of the Sobol' and Morris CIs
constexpr std::size_t kMaxPoints = 100000;

// A range's value at u: drawn by its distribution (uniform over the whole numbers of an integer
// range), then rounded as it is written.
double range_at(const UncertainInput& in, double u) {
  double v = 0;
  switch (in.dist) {
    case UncertainInput::Dist::Uniform:
      v = in.integer ? std::min(in.high, in.low + std::floor(u * (in.high - in.low + 1)))
                     : uniform_at(u, in.low, in.high);
      break;
    case UncertainInput::Dist::Triangular:
      v = triangular_at(u, in.low, in.mode, in.high);
      break;
    case UncertainInput::Dist::LogUniform:
      v = log_uniform_at(u, in.low, in.high);
      break;
  }
  return models::range_value(in, std::clamp(v, in.low, in.high));
}

}  // namespace

std::string Design::label(std::size_t p) const {
  std::string s;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    s += (i ? ";" : "") + inputs[i].name + "=" + text[p][i];
  return s;
}

std::size_t default_points(DesignKind kind) {
  switch (kind) {
    case DesignKind::Lhs:
      return 64;
    case DesignKind::Sobol:
      return 64;
    case DesignKind::Morris:
      return 10;
    case DesignKind::Grid:
      return 3;
  }
  return 64;
}

Design make_design(const std::vector<UncertainInput>& inputs, DesignKind kind, std::size_t points,
                   std::uint64_t seed) {
  if (inputs.empty())
    throw std::invalid_argument("the scenario declares no uncertain inputs (`uncertain:`)");
  if (points == 0) throw std::invalid_argument("--points: at least 1");
  Design d;
  d.kind = kind;
  d.requested = points;
  d.seed = seed;
  d.inputs = inputs;
  const std::size_t dims = inputs.size();
  auto check_size = [&](double n, const std::string& what) {
    if (n > static_cast<double>(kMaxPoints))
      throw std::invalid_argument(what + " gives " + std::to_string(static_cast<long long>(n)) +
                                  " points, more than " + std::to_string(kMaxPoints));
  };
  std::vector<std::size_t> levels;  // a grid's, per input
  switch (kind) {
    case DesignKind::Lhs:
      check_size(static_cast<double>(points), "--points");
      d.unit = lhs_design(dims, points, seed);
      break;
    case DesignKind::Sobol:
      if (points < 8)
        throw std::invalid_argument("--points: a Sobol' design needs at least 8 base rows");
      check_size(static_cast<double>(points) * static_cast<double>(dims + 2),
                 "a Sobol' design of " + std::to_string(points) + " base rows");
      d.unit = sobol_design(dims, points, seed);
      break;
    case DesignKind::Morris:
      if (points < 2)
        throw std::invalid_argument("--points: a Morris design needs at least 2 trajectories");
      check_size(static_cast<double>(points) * static_cast<double>(dims + 1),
                 "a Morris design of " + std::to_string(points) + " trajectories");
      d.unit = morris_design(dims, points, kMorrisLevels, seed);
      break;
    case DesignKind::Grid: {
      double n = 1;
      for (const UncertainInput& in : inputs) {
        levels.push_back(in.kind == UncertainInput::Kind::Values ? in.values.size()
                         : in.integer                            ? std::min<std::size_t>(
                                            points, static_cast<std::size_t>(in.high - in.low + 1))
                                      : points);
        n *= static_cast<double>(levels.back());
      }
      check_size(n, "the grid");
      d.unit = grid_design(levels);
      break;
    }
  }
  for (std::size_t p = 0; p < d.unit.points.size(); ++p) {
    std::vector<double>& u = d.unit.points[p];
    std::vector<double> value(dims);
    std::vector<std::string> text(dims);
    for (std::size_t i = 0; i < dims; ++i) {
      const UncertainInput& in = inputs[i];
      if (kind == DesignKind::Grid && in.kind == UncertainInput::Kind::Range) {
        // A grid's levels of a range take in both ends: low, ..., high.
        const std::size_t l = levels[i];
        const auto j = std::min(l - 1, static_cast<std::size_t>(u[i] * static_cast<double>(l)));
        u[i] = l > 1 ? static_cast<double>(j) / static_cast<double>(l - 1) : 0.5;
      }
      if (in.kind == UncertainInput::Kind::Values) {
        const std::size_t a = alternative_at(u[i], in.values.size());
        value[i] = static_cast<double>(a);
        text[i] = in.labels[a];
      } else {
        value[i] = range_at(in, std::min(u[i], 1.0));
        text[i] = models::range_text(in, value[i]);
      }
    }
    d.value.push_back(std::move(value));
    d.text.push_back(std::move(text));
  }
  return d;
}

models::YamlNode point_tree(const models::YamlNode& merged, const Design& d, std::size_t p) {
  models::YamlNode t = merged;
  for (auto it = t.entries.begin(); it != t.entries.end(); ++it)
    if (it->key == "uncertain") {
      t.entries.erase(it);
      break;
    }
  for (std::size_t i = 0; i < d.inputs.size(); ++i) {
    const UncertainInput& in = d.inputs[i];
    models::set_uncertain(t, in,
                          in.kind == UncertainInput::Kind::Values
                              ? in.values[static_cast<std::size_t>(d.value[p][i])]
                              : models::range_node(in, d.value[p][i]));
  }
  return t;
}

bool headline_metric(const outputs::MetricKey& k) {
  using M = outputs::Metric;
  static const M headline[] = {M::BorderTimeMean,   M::BorderTimeP95,       M::SpoiledShare,
                               M::ValueLostPerDay,  M::BacklogGrowthPerDay, M::GaveUpPerDay,
                               M::ThroughputPerDay, M::TransitMean};
  // The backlog is per crossing and direction: each is a headline of its own.
  if (k.metric == M::BacklogGrowthPerDay || k.metric == M::BacklogAtEnd) return true;
  if (std::find(std::begin(headline), std::end(headline), k.metric) == std::end(headline))
    return false;
  return k.group.kind == outputs::GroupKind::All ||
         k.group.kind == outputs::GroupKind::CargoDirection;
}

namespace {

// y over the design for each key, NaN where a point lacks the key.
using Series = std::map<outputs::MetricKey, std::vector<double>>;

bool varies(const std::vector<double>& y) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : y)
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  return hi > lo;
}

void indices(const Design& d, const std::string& scenario, const outputs::MetricKey& key,
             const std::vector<double>& y, std::uint64_t seed, std::vector<SensitivityRow>& out) {
  auto add = [&](std::size_t i, const char* measure, Estimate e) {
    out.push_back({scenario, key, i < d.inputs.size() ? d.inputs[i].name : "", measure, e});
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  switch (d.kind) {
    case DesignKind::Sobol: {
      const SobolIndices s = sobol_indices(d.unit, y, kResamples, seed);
      for (std::size_t i = 0; i < d.inputs.size(); ++i) {
        add(i, "first", s.first[i]);
        add(i, "total", s.total[i]);
      }
      break;
    }
    case DesignKind::Morris: {
      const MorrisEffects m = morris_effects(d.unit, y, kResamples, seed);
      for (std::size_t i = 0; i < d.inputs.size(); ++i) {
        add(i, "mu_star", m.mu_star_ci[i]);
        add(i, "mu", {m.mu[i], nan, nan});
        add(i, "sigma", {m.sigma[i], nan, nan});
      }
      break;
    }
    case DesignKind::Lhs:
    case DesignKind::Grid: {
      std::vector<std::vector<double>> x(d.inputs.size(), std::vector<double>(d.points()));
      for (std::size_t p = 0; p < d.points(); ++p)
        for (std::size_t i = 0; i < d.inputs.size(); ++i) x[i][p] = d.value[p][i];
      const Regression r = standardised_regression(x, y);
      for (std::size_t i = 0; i < d.inputs.size(); ++i) add(i, "src", r.src[i]);
      add(d.inputs.size(), "r2", {r.r2, nan, nan});
      break;
    }
  }
}

std::vector<InputColumn> columns(const Design& d) {
  std::vector<InputColumn> c;
  for (std::size_t i = 0; i < d.inputs.size(); ++i) {
    InputColumn col;
    col.name = d.inputs[i].name;
    col.discrete = d.inputs[i].kind == UncertainInput::Kind::Values;
    col.labels = d.inputs[i].labels;
    for (std::size_t p = 0; p < d.points(); ++p) col.values.push_back(d.value[p][i]);
    c.push_back(std::move(col));
  }
  return c;
}

}  // namespace

Analysis analyse(const Design& d, const std::vector<std::string>& names,
                 const std::vector<std::vector<std::vector<outputs::SummaryRow>>>& summaries,
                 const std::vector<std::vector<std::vector<outputs::DiffRow>>>& diffs,
                 const std::function<bool(const outputs::MetricKey&)>& wanted, std::uint64_t seed) {
  Analysis a;
  const std::size_t n = d.points();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t s = 0; s < names.size(); ++s) {
    Series y;
    for (std::size_t p = 0; p < n; ++p)
      for (const outputs::SummaryRow& r : summaries[p][s]) {
        if (!wanted(r.key)) continue;
        auto it = y.try_emplace(r.key, std::vector<double>(n, nan)).first;
        it->second[p] = r.ci.mean;
      }
    for (const auto& [key, v] : y)
      if (varies(v)) indices(d, names[s], key, v, seed, a.sensitivity);
  }
  const std::vector<InputColumn> cols = columns(d);
  for (std::size_t v = 0; v + 1 < names.size(); ++v) {
    std::map<outputs::MetricKey, std::vector<const outputs::DiffRow*>> per;
    for (std::size_t p = 0; p < n; ++p)
      for (const outputs::DiffRow& r : diffs[p][v]) {
        if (!wanted(r.key)) continue;
        auto it = per.try_emplace(r.key, std::vector<const outputs::DiffRow*>(n, nullptr)).first;
        it->second[p] = &r;
      }
    for (const auto& [key, rows] : per) {
      RobustnessRow rr;
      rr.variant = names[v + 1];
      rr.key = key;
      const outputs::Better b = outputs::metric_spec(key.metric).better;
      rr.direction = b == outputs::Better::Higher ? 1 : b == outputs::Better::Lower ? -1 : 0;
      std::vector<double> effect(n, nan);
      std::vector<std::size_t> at;  // points with the metric in both
      rr.min = std::numeric_limits<double>::infinity();
      rr.max = -rr.min;
      double sum = 0;
      for (std::size_t p = 0; p < n; ++p) {
        if (!rows[p] || !std::isfinite(rows[p]->diff.mean)) continue;
        const outputs::DiffRow& r = *rows[p];
        effect[p] = r.diff.mean;
        at.push_back(p);
        rr.min = std::min(rr.min, r.diff.mean);
        rr.max = std::max(rr.max, r.diff.mean);
        sum += r.diff.mean;
        const double signed_effect = rr.direction * r.diff.mean;
        if (signed_effect > 0) ++rr.better;
        if (signed_effect < 0) ++rr.worse;
        // The CI's end nearest zero on the better side, and on the worse side.
        const double near_better = rr.direction > 0 ? r.diff.lo : -r.diff.hi;
        const double near_worse = rr.direction > 0 ? r.diff.hi : -r.diff.lo;
        if (rr.direction != 0 && near_better > 0) ++rr.better_significant;
        if (rr.direction != 0 && near_worse < 0) ++rr.worse_significant;
      }
      rr.points = at.size();
      if (at.empty()) continue;
      rr.mean = sum / static_cast<double>(at.size());
      if (varies(effect)) indices(d, "effect:" + rr.variant, key, effect, seed, a.sensitivity);
      if (rr.direction != 0 && rr.better > 0 && rr.worse > 0) {
        // The rule is read off the points where the variant is better or worse: a tie (no
        // change, as a share spoiled of 0 in both) is neither.
        std::vector<std::size_t> split;
        for (std::size_t p : at)
          if (effect[p] != 0) split.push_back(p);
        std::vector<InputColumn> c = cols;
        for (InputColumn& col : c) {
          std::vector<double> kept;
          for (std::size_t p : split) kept.push_back(col.values[p]);
          col.values = std::move(kept);
        }
        std::vector<bool> better;
        for (std::size_t p : split) better.push_back(rr.direction * effect[p] > 0);
        rr.rule = flip_rule(c, better, 2);
      }
      a.robustness.push_back(std::move(rr));
    }
  }
  return a;
}

}  // namespace studies
