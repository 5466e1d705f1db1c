#include "app/rounds.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "sim/stop.hpp"

namespace app {

namespace {

// The named metrics of a precision run: as given, or the headline border-crossing times.
std::vector<NamedMetric> named(const Precision& p) {
  if (!p.metrics.empty()) return p.metrics;
  return {parse_named_metric("border_time_mean"), parse_named_metric("border_time_p95")};
}

}  // namespace

NamedMetric parse_named_metric(const std::string& text) {
  NamedMetric m;
  m.text = text;
  std::string name = text;
  const std::size_t open = text.find('[');
  if (open != std::string::npos) {
    if (text.back() != ']' || open + 2 > text.size() - 1)
      throw UsageError("metric '" + text + "': expected name or name[group label]");
    name = text.substr(0, open);
    m.label = text.substr(open + 1, text.size() - open - 2);
  }
  const auto metric = outputs::metric_by_name(name);
  if (!metric)
    throw UsageError("metric '" + text + "': no such summary metric (docs/output-format.md)");
  m.metric = *metric;
  return m;
}

bool named_metric_matches(const NamedMetric& m, const outputs::MetricKey& k) {
  if (k.metric != m.metric) return false;
  if (!m.label.empty()) return k.label == m.label;
  return k.group.kind == outputs::GroupKind::All ||
         k.group.kind == outputs::GroupKind::CargoDirection;
}

double parse_precision(const std::string& text) {
  std::string t = text;
  const bool pct = !t.empty() && t.back() == '%';
  if (pct) t.pop_back();
  double v = 0;
  try {
    std::size_t used = 0;
    v = std::stod(t, &used);
    if (used != t.size()) throw std::invalid_argument(t);
  } catch (const std::exception&) {
    throw UsageError("--precision: expected a relative half-width such as 5% or 0.05, got '" +
                     text + "'");
  }
  if (pct) v /= 100;
  if (!(v > 0) || !(v < 1))
    throw UsageError("--precision: must be above 0 % and below 100 %, got '" + text + "'");
  return v;
}

std::vector<MetricPrecision> precision_of(const std::vector<outputs::ReplicationMetrics>& metrics,
                                          const Precision& p) {
  const std::vector<outputs::SummaryRow> rows = outputs::summarize(metrics);
  std::vector<MetricPrecision> out;
  for (const NamedMetric& m : named(p))
    for (const outputs::SummaryRow& r : rows) {
      if (!named_metric_matches(m, r.key)) continue;
      const double hw = (r.ci.hi - r.ci.lo) / 2;
      double rel = 0;
      if (r.ci.n < 2 || !std::isfinite(hw))
        rel = std::numeric_limits<double>::infinity();
      else if (hw > 0)
        rel = r.ci.mean != 0 ? hw / std::fabs(r.ci.mean) : std::numeric_limits<double>::infinity();
      out.push_back({outputs::metric_name(r.key.metric) + " [" + r.key.label + "]", rel});
    }
  return out;
}

Rounds run_rounds(const std::vector<models::Scenario>& scs,
                  std::vector<std::vector<std::size_t>> units, const RunOptions& o,
                  const Consume& consume) {
  if (units.empty())
    for (std::size_t s = 0; s < scs.size(); ++s) units.push_back({s});
  const Precision& p = o.precision;
  const bool worker = distributed_worker();
  Rounds out;
  out.metrics.resize(scs.size());
  out.replications.assign(scs.size(), 0);
  std::vector<int> batch(scs.size());
  for (std::size_t s = 0; s < scs.size(); ++s) batch[s] = scs[s].replications;
  for (int round = 1;; ++round) {
    // This round's batches, in scenario order (the order the writer consumes them).
    std::vector<models::Scenario> todo;
    std::vector<std::size_t> of;
    for (std::size_t s = 0; s < scs.size(); ++s) {
      if (batch[s] == 0) continue;
      todo.push_back(scs[s]);
      // From the scenario's own first replication (0 unless a caller, the optimiser's
      // selection, asks for replications apart from those it ran before).
      todo.back().first_replication =
          scs[s].first_replication + static_cast<std::uint32_t>(out.replications[s]);
      todo.back().replications = batch[s];
      of.push_back(s);
    }
    if (todo.empty()) break;
    out.batches = round;
    std::vector<const models::Scenario*> ptrs;
    for (const models::Scenario& sc : todo) ptrs.push_back(&sc);
    {
      const auto dist = distribute(ptrs, o.threads, o.cancel);
      if (dist && dist->worker()) {
        dist->serve();
      } else {
        for (std::size_t k = 0; k < todo.size(); ++k) {
          sim::poll_stop();
          auto m = consume(of[k], todo[k], dist.get(), k);
          auto& all = out.metrics[of[k]];
          all.insert(all.end(), std::make_move_iterator(m.begin()),
                     std::make_move_iterator(m.end()));
        }
      }
    }  // the distribution ends here: every process is past it before they agree
    for (std::size_t k = 0; k < todo.size(); ++k) out.replications[of[k]] += batch[of[k]];
    std::fill(batch.begin(), batch.end(), 0);
    if (!(p.relative > 0)) break;
    // A named metric no scenario has (a group label mistyped, a metric the scenario never
    // measures) would be met by default: refused, with the labels there are.
    if (round == 1 && !worker)
      for (const NamedMetric& m : named(p)) {
        std::vector<std::string> labels;
        bool found = false;
        for (const auto& metrics : out.metrics)
          for (const outputs::ReplicationMetrics& rep : metrics)
            for (const auto& [key, v] : rep) {
              if (named_metric_matches(m, key)) found = true;
              if (key.metric == m.metric &&
                  std::find(labels.begin(), labels.end(), key.label) == labels.end())
                labels.push_back(key.label);
            }
        if (!found) {
          std::string list;
          for (std::size_t i = 0; i < labels.size() && i < 12; ++i)
            list += (i ? ", " : "") + labels[i];
          throw UsageError("--precision-metric " + m.text + ": no such group in the results" +
                           (labels.empty() ? std::string(" (the scenario never measures it)")
                                           : " (groups: " + list + ")"));
        }
      }
    // Rank 0 (or the one process) decides the next batch of each unit from what is done.
    std::vector<std::uint64_t> next(scs.size(), 0);
    if (!worker) {
      for (const std::vector<std::size_t>& u : units) {
        const int done = out.replications[u.front()];
        double worst = 0;  // (reached / wanted)^2 over the unit's metrics
        for (std::size_t s : u)
          for (const MetricPrecision& m : precision_of(out.metrics[s], p))
            worst = std::max(worst, std::pow(m.relative / p.relative, 2));
        if (worst <= 1 || done >= p.max_replications) continue;
        // The CI narrows as 1/sqrt(n): aim 10 % past the estimate, at least a quarter more and
        // at most double (a few replications' half-width is itself too rough to jump further).
        const double want = std::isfinite(worst) ? std::ceil(done * worst * 1.1) : 2.0 * done;
        const double step = std::min<double>(
            std::max<double>({want - done, std::ceil(done / 4.0), 2.0}), std::max(done, 2));
        const int add = static_cast<int>(std::min<double>(step, p.max_replications - done));
        for (std::size_t s : u) next[s] = static_cast<std::uint64_t>(add);
      }
    }
    agree(next);
    for (std::size_t s = 0; s < scs.size(); ++s) batch[s] = static_cast<int>(next[s]);
  }
  if (worker || !(p.relative > 0)) return out;
  for (std::size_t s = 0; s < scs.size(); ++s)
    for (const MetricPrecision& m : precision_of(out.metrics[s], p))
      if (m.relative > p.relative)
        out.short_of.push_back({s, m.metric, m.relative, out.replications[s]});
  return out;
}

std::vector<std::string> precision_warnings(const Rounds& r, const Precision& p,
                                            const std::function<std::string(std::size_t)>& name) {
  std::vector<std::string> w;
  for (const ShortOfPrecision& x : r.short_of)
    w.push_back(fmt::format(
        "warning: {}{} reached ±{} of its mean, not {:g} %, in {} replications{}", name(x.scenario),
        x.metric,
        std::isfinite(x.relative) ? fmt::format("{:.3g} %", 100 * x.relative)
                                  : std::string("an undefined share (a mean of 0)"),
        100 * p.relative, x.replications,
        x.replications >= p.max_replications ? " (the maximum, --max-replications)" : ""));
  return w;
}

}  // namespace app
