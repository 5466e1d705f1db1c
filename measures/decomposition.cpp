#include "measures/decomposition.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sim/stop.hpp"

namespace outputs {

namespace {

// The key of metric `m` for the group of `k`.
MetricKey with_metric(const MetricKey& k, Metric m) {
  MetricKey out = k;
  out.metric = m;
  out.unit = metric_spec(m).unit;
  return out;
}

}  // namespace

std::vector<Decomposition> decompose(const std::vector<ReplicationMetrics>& base,
                                     const std::vector<ReplicationMetrics>& variant) {
  std::vector<Decomposition> out;
  const std::size_t n = std::min(base.size(), variant.size());
  if (n == 0) return out;
  // The groups: transit_mean keys of the first replication of the base (a group missing in some
  // replication of either is skipped there, for every part alike).
  std::vector<MetricKey> keys;
  for (const auto& [k, v] : base.front())
    if (k.metric == Metric::TransitMean) keys.push_back(k);
  for (const MetricKey& total_key : keys) {
    sim::poll_stop();
    Decomposition d;
    d.key = total_key;
    std::vector<Metric> metrics;
    for (std::size_t s = 0; s < models::kSegments; ++s)
      metrics.push_back(segment_metric(static_cast<models::Segment>(s)));
    metrics.push_back(Metric::TransitMean);
    std::vector<std::vector<double>> b(metrics.size()), v(metrics.size());
    for (std::size_t r = 0; r < n; ++r) {
      bool all = true;
      for (Metric m : metrics) {
        const MetricKey k = with_metric(total_key, m);
        all = all && base[r].count(k) && variant[r].count(k);
      }
      if (!all) continue;
      for (std::size_t i = 0; i < metrics.size(); ++i) {
        const MetricKey k = with_metric(total_key, metrics[i]);
        b[i].push_back(base[r].at(k));
        v[i].push_back(variant[r].at(k));
      }
    }
    if (b.back().empty()) continue;
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      DecompositionPart p;
      p.segment = i < models::kSegments ? segment_name(static_cast<models::Segment>(i)) : "total";
      p.base = sim::mean_ci(b[i]);
      p.variant = sim::mean_ci(v[i]);
      p.diff = sim::paired_difference_ci(b[i], v[i]);
      for (std::size_t r = 0; r < b[i].size(); ++r) p.diffs.push_back(v[i][r] - b[i][r]);
      d.parts.push_back(std::move(p));
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string format_decomposition(const std::string& base, const std::string& variant,
                                 const std::vector<Decomposition>& rows) {
  std::string out = fmt::format(
      "\nwhere the difference in mean transit time comes from: {} minus {}, hours, by segment "
      "(paired 95 % CI; the segments add up to the total), by cargo class and direction\n",
      variant, base);
  std::string head = fmt::format("  {:<30}", "group");
  for (std::size_t s = 0; s < models::kSegments; ++s)
    head += fmt::format(" {:>17}", segment_name(static_cast<models::Segment>(s)));
  out += head + fmt::format(" {:>17}\n", "total");
  auto cell = [](const sim::Interval& i) {
    const double m = std::abs(i.mean) < 5e-4 ? 0.0 : i.mean;  // no "-0.000"
    if (std::isnan(i.lo)) return fmt::format(" {:>17.3f}", m);
    return fmt::format(" {:>8.3f} ±{:<7.3f}", m, i.half_width());
  };
  // By cargo class and direction: a class over both directions averages an export change with an
  // import one that has other causes (general cargo +7.4 h where its exports alone had +51.8 h).
  for (const Decomposition& d : rows) {
    if (d.key.group.kind != GroupKind::CargoDirection) continue;
    std::string line = fmt::format("  {:<30}", d.key.label);
    for (const DecompositionPart& p : d.parts) line += cell(p.diff);
    out += line + "\n";
  }
  return out;
}

}  // namespace outputs
