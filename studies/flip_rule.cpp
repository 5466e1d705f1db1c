#include "studies/flip_rule.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace studies {

namespace {

constexpr std::size_t kMaxFirstCuts = 256;
constexpr std::size_t kMaxSubsetLabels = 12;

// An input prepared for the search: codes for a discrete one, the points in value order for a
// numeric one.
struct Column {
  bool discrete = false;
  std::vector<std::size_t> code;
  std::size_t ncodes = 0;
  const std::vector<double>* v = nullptr;
  std::vector<std::size_t> order;
};

// A region's score: the points of the described outcome inside it minus the others inside it.
// Accuracy = (score + points of the other outcome) / points, so maximising one maximises both.
struct Best {
  long score = 0;
  std::vector<Condition> conditions;
};

bool holds(const Condition& c, const Column& col, std::size_t p) {
  if (c.discrete) return std::binary_search(c.codes.begin(), c.codes.end(), col.code[p]);
  return c.above ? (*col.v)[p] > c.threshold : (*col.v)[p] <= c.threshold;
}

double midpoint(double a, double b) {
  const double t = a + (b - a) / 2;
  return t < b ? t : a;  // adjacent doubles: the midpoint may round up onto b
}

// The best condition on input `b` for the points in `mask` (w: +1 described outcome, -1 other).
// Returns false when no condition splits the masked points.
bool best_condition(const Column& col, std::size_t b, const std::vector<char>& mask,
                    const std::vector<int>& w, long& score, Condition& cond) {
  bool found = false;
  if (col.discrete) {
    std::vector<long> sum(col.ncodes, 0);
    std::vector<std::size_t> seen(col.ncodes, 0);
    for (std::size_t p = 0; p < w.size(); ++p)
      if (mask[p]) sum[col.code[p]] += w[p], ++seen[col.code[p]];
    Condition c{b, true, 0, false, {}};
    long s = 0;
    std::size_t present = 0;
    for (std::size_t k = 0; k < col.ncodes; ++k) {
      present += seen[k] > 0;
      if (sum[k] > 0) c.codes.push_back(k), s += sum[k];
    }
    // Every present label in the set: no split; no label: an empty region.
    if (c.codes.empty() || c.codes.size() == present) return false;
    score = s, cond = std::move(c);
    return true;
  }
  const auto& v = *col.v;
  long total = 0;
  for (std::size_t p = 0; p < w.size(); ++p)
    if (mask[p]) total += w[p];
  long below = 0;
  bool any = false;
  double last = 0;
  for (std::size_t p : col.order) {
    if (!mask[p]) continue;
    if (any && v[p] != last) {
      const double t = midpoint(last, v[p]);
      for (bool above : {false, true}) {
        const long s = above ? total - below : below;
        if (!found || s > score) score = s, cond = {b, false, t, above, {}}, found = true;
      }
    }
    below += w[p], last = v[p], any = true;
  }
  return found;
}

// First conditions to pair with another: cuts of a numeric input (at most kMaxFirstCuts
// boundaries), or label sets of a discrete one.
std::vector<Condition> first_conditions(const Column& col, std::size_t a) {
  std::vector<Condition> out;
  if (col.discrete) {
    std::vector<std::size_t> present;
    std::vector<char> seen(col.ncodes, 0);
    for (std::size_t c : col.code) seen[c] = 1;
    for (std::size_t k = 0; k < col.ncodes; ++k)
      if (seen[k]) present.push_back(k);
    const std::size_t m = present.size();
    if (m <= kMaxSubsetLabels) {
      for (std::size_t mask = 1; mask + 1 < (std::size_t{1} << m); ++mask) {
        Condition c{a, true, 0, false, {}};
        for (std::size_t k = 0; k < m; ++k)
          if (mask >> k & 1) c.codes.push_back(present[k]);
        out.push_back(std::move(c));
      }
    } else {
      for (std::size_t k = 0; k < m; ++k) {
        out.push_back({a, true, 0, false, {present[k]}});
        Condition rest{a, true, 0, false, present};
        rest.codes.erase(rest.codes.begin() + static_cast<std::ptrdiff_t>(k));
        out.push_back(std::move(rest));
      }
    }
    return out;
  }
  const auto& v = *col.v;
  std::vector<double> cuts;
  for (std::size_t k = 1; k < col.order.size(); ++k) {
    const double lo = v[col.order[k - 1]], hi = v[col.order[k]];
    if (lo != hi) cuts.push_back(midpoint(lo, hi));
  }
  if (cuts.size() > kMaxFirstCuts) {
    std::vector<double> some;
    for (std::size_t q = 0; q < kMaxFirstCuts; ++q)
      some.push_back(cuts[q * cuts.size() / kMaxFirstCuts]);
    cuts = std::move(some);
  }
  for (double t : cuts)
    for (bool above : {false, true}) out.push_back({a, false, t, above, {}});
  return out;
}

std::string condition_text(const Condition& c, const InputColumn& in) {
  if (!c.discrete) return fmt::format("{} {} {:.3g}", in.name, c.above ? ">" : "<=", c.threshold);
  std::string labels;
  for (std::size_t k = 0; k < c.codes.size(); ++k) {
    if (k > 0) labels += k + 1 == c.codes.size() ? " or " : ", ";
    const std::size_t code = c.codes[k];
    labels += code < in.labels.size() ? in.labels[code] : std::to_string(code);
  }
  return fmt::format("{} is {}", in.name, labels);
}

}  // namespace

FlipRule flip_rule(const std::vector<InputColumn>& inputs, const std::vector<bool>& better,
                   int depth) {
  if (depth != 1 && depth != 2) throw std::invalid_argument("flip_rule: depth must be 1 or 2");
  const std::size_t n = better.size();
  std::vector<Column> cols(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const InputColumn& in = inputs[i];
    if (in.values.size() != n)
      throw std::invalid_argument("flip_rule: input '" + in.name + "' needs one value per point");
    Column& col = cols[i];
    col.discrete = in.discrete;
    col.v = &in.values;
    if (in.discrete) {
      col.ncodes = in.labels.size();
      for (double x : in.values) {
        if (!(x >= 0 && x < 1e9 && x == std::floor(x)))
          throw std::invalid_argument("flip_rule: input '" + in.name + "' has a bad label code");
        col.code.push_back(static_cast<std::size_t>(x));
        col.ncodes = std::max(col.ncodes, col.code.back() + 1);
      }
    } else {
      for (double x : in.values)
        if (std::isnan(x))
          throw std::invalid_argument("flip_rule: input '" + in.name + "' has NaN");
      col.order.resize(n);
      std::iota(col.order.begin(), col.order.end(), std::size_t{0});
      std::stable_sort(col.order.begin(), col.order.end(),
                       [&in](std::size_t p, std::size_t q) { return in.values[p] < in.values[q]; });
    }
  }
  FlipRule rule;
  const auto n_better = static_cast<std::size_t>(std::count(better.begin(), better.end(), true));
  rule.describes_worse = n_better >= n - n_better;
  const std::size_t described = rule.describes_worse ? n - n_better : n_better;
  const std::string outcome = rule.describes_worse ? "worse" : "better";
  if (described == 0) {
    rule.text = fmt::format("{} at every point", rule.describes_worse ? "better" : "worse");
    return rule;
  }
  rule.flips = true;
  std::vector<int> w(n);
  for (std::size_t p = 0; p < n; ++p) w[p] = better[p] != rule.describes_worse ? 1 : -1;

  // The baseline is the empty region (score 0); only a strictly higher score replaces the best,
  // and shorter rules and earlier inputs are tried first, which is the tie order.
  Best best;
  const std::vector<char> all(n, 1);
  for (std::size_t b = 0; b < cols.size(); ++b) {
    long s = 0;
    Condition c;
    if (best_condition(cols[b], b, all, w, s, c) && s > best.score) best = {s, {c}};
  }
  for (std::size_t a = 0; depth == 2 && a < cols.size(); ++a) {
    for (std::size_t b = a; b < cols.size(); ++b) {
      if (a == b && cols[a].discrete) continue;  // two label sets of one input are one set
      // Enumerate the first condition on the numeric input, or on the discrete one with fewer
      // labels, and search the other exactly.
      std::size_t first = a, second = b;
      if ((cols[a].discrete && !cols[b].discrete) ||
          (cols[a].discrete && cols[b].discrete && cols[b].ncodes < cols[a].ncodes))
        std::swap(first, second);
      std::vector<char> mask(n);
      for (const Condition& c1 : first_conditions(cols[first], first)) {
        for (std::size_t p = 0; p < n; ++p) mask[p] = holds(c1, cols[first], p);
        long s = 0;
        Condition c2;
        if (best_condition(cols[second], second, mask, w, s, c2) && s > best.score)
          best = {s, {c1, c2}};
      }
    }
  }
  std::sort(best.conditions.begin(), best.conditions.end(),
            [](const Condition& x, const Condition& y) {
              return x.input != y.input ? x.input < y.input : x.above > y.above;
            });
  rule.conditions = best.conditions;
  for (std::size_t p = 0; p < n; ++p) {
    bool in = true;
    for (const Condition& c : rule.conditions) in = in && holds(c, cols[c.input], p);
    rule.covered += in;
  }
  const std::size_t others = n - described;
  rule.accuracy =
      static_cast<double>(best.score + static_cast<long>(others)) / static_cast<double>(n);
  if (rule.conditions.empty()) {
    rule.covered = 0;
    rule.text = fmt::format("{} at {} of {} points, with no rule of up to {} conditions for where",
                            outcome, described, n, depth);
    return rule;
  }
  std::string when;
  for (const Condition& c : rule.conditions)
    when += (when.empty() ? "" : " and ") + condition_text(c, inputs[c.input]);
  if (best.score == static_cast<long>(described))
    rule.text = fmt::format("{} only when {}", outcome, when);
  else
    rule.text = fmt::format("{} mainly when {} (the rule fits {:.3g}% of points)", outcome, when,
                            100 * rule.accuracy);
  return rule;
}

}  // namespace studies
