#include "outputs/explore_file.hpp"

#include <cmath>
#include <limits>

#include "models/uncertain.hpp"
#include "outputs/contract.hpp"
#include "outputs/writer.hpp"
#include "sim/stop.hpp"

namespace outputs {

namespace {

const char* dist_name(const models::UncertainInput& in) {
  if (in.kind == models::UncertainInput::Kind::Values) return "values";
  switch (in.dist) {
    case models::UncertainInput::Dist::Triangular:
      return "triangular";
    case models::UncertainInput::Dist::LogUniform:
      return "log_uniform";
    default:
      return "uniform";
  }
}

void write_inputs(hid_t file, const models::Scenario& sc, const studies::Design& d) {
  auto t = make_table(file, table_spec(Table::ExploreInputs));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < d.inputs.size(); ++i) {
    const models::UncertainInput& in = d.inputs[i];
    const bool range = in.kind == models::UncertainInput::Kind::Range;
    row::ExploreInput rec{};
    rec.input = static_cast<std::uint16_t>(i);
    copy_str(rec.name, in.name);
    copy_str(rec.key, in.key);
    copy_str(rec.kind, range ? "range" : "values");
    rec.low = range ? in.low : nan;
    rec.high = range ? in.high : nan;
    rec.mode = range && in.dist == models::UncertainInput::Dist::Triangular ? in.mode : nan;
    copy_str(rec.unit, in.unit);
    copy_str(rec.distribution, dist_name(in));
    std::string alts;
    for (const std::string& l : in.labels) alts += (alts.empty() ? "" : "|") + l;
    copy_str(rec.alternatives, alts);
    copy_str(rec.own, models::own_value(sc, in));
    copy_str(rec.source, in.source);
    copy_str(rec.why, in.why);
    t->append(rec);
  }
  t->close();
}

void write_design(hid_t file, const studies::Design& d) {
  auto t = make_table(file, table_spec(Table::ExploreDesign));
  for (std::size_t p = 0; p < d.points(); ++p) {
    sim::poll_stop();
    for (std::size_t i = 0; i < d.inputs.size(); ++i) {
      row::ExploreDesign rec{};
      rec.point = static_cast<std::uint32_t>(p);
      rec.input = static_cast<std::uint16_t>(i);
      copy_str(rec.name, d.inputs[i].name);
      rec.unit_value = d.unit.points[p][i];
      rec.value = d.value[p][i];
      copy_str(rec.text, d.text[p][i]);
      t->append(rec);
    }
  }
  t->close();
}

}  // namespace

void write_explore(hid_t file, const ExploreResults& r) {
  const studies::Design& d = *r.design;
  h5::attr_string(file, "design", studies::design_name(d.kind));
  h5::attr_int(file, "design_points", static_cast<std::int64_t>(d.requested));
  h5::attr_int(file, "design_seed", static_cast<std::int64_t>(d.seed));
  h5::attr_int(file, "points", static_cast<std::int64_t>(d.points()));
  std::string variants;
  for (std::size_t i = 1; i < r.names.size(); ++i) variants += (i > 1 ? "," : "") + r.names[i];
  h5::attr_string(file, "variants", variants);
  write_inputs(file, *r.base, d);
  write_design(file, d);
  {
    auto t = make_table(file, table_spec(Table::ExplorePoints));
    for (std::size_t p = 0; p < d.points(); ++p) {
      sim::poll_stop();
      const std::string label = d.label(p);
      for (std::size_t s = 0; s < r.names.size(); ++s)
        for (const SummaryRow& row : (*r.summaries)[p][s]) {
          if (metric_spec(row.key.metric).curve) continue;
          row::ExplorePoint rec{};
          rec.point = static_cast<std::uint32_t>(p);
          copy_str(rec.scenario, r.names[s]);
          copy_str(rec.parameters, label);
          fill_key_text(rec.key, row.key);
          rec.ci.mean = row.ci.mean;
          rec.ci.sd = row.ci.sd;
          rec.ci.ci95_lo = row.ci.lo;
          rec.ci.ci95_hi = row.ci.hi;
          rec.ci.n = static_cast<std::int64_t>(row.ci.n);
          t->append(rec);
        }
    }
    t->close();
  }
  if (r.names.size() > 1) {
    auto t = make_table(file, table_spec(Table::ExploreDifferences));
    for (std::size_t p = 0; p < d.points(); ++p) {
      sim::poll_stop();
      for (std::size_t v = 0; v + 1 < r.names.size(); ++v)
        for (const DiffRow& x : (*r.diffs)[p][v]) {
          row::ExploreDifference rec{};
          rec.point = static_cast<std::uint32_t>(p);
          copy_str(rec.variant, r.names[v + 1]);
          fill_key_text(rec.key, x.key);
          rec.base_mean = x.base.mean;
          rec.variant_mean = x.variant.mean;
          rec.diff_mean = x.diff.mean;
          rec.diff_lo = x.diff.lo;
          rec.diff_hi = x.diff.hi;
          rec.n = static_cast<std::int64_t>(x.diff.n);
          rec.significant = x.significant;
          copy_str(rec.better, better_name(metric_spec(x.key.metric).better));
          t->append(rec);
        }
    }
    t->close();
  }
  {
    auto t = make_table(file, table_spec(Table::Sensitivity));
    for (const studies::SensitivityRow& s : r.analysis->sensitivity) {
      row::Sensitivity rec{};
      copy_str(rec.scenario, s.scenario);
      fill_key_text(rec.key, s.key);
      copy_str(rec.input, s.input);
      copy_str(rec.measure, s.measure);
      rec.value = s.estimate.value;
      rec.lo = s.estimate.low;
      rec.hi = s.estimate.high;
      t->append(rec);
    }
    t->close();
  }
  if (r.names.size() > 1) {
    auto t = make_table(file, table_spec(Table::Robustness));
    for (const studies::RobustnessRow& x : r.analysis->robustness) {
      row::Robustness rec{};
      copy_str(rec.variant, x.variant);
      fill_key_text(rec.key, x.key);
      rec.effect_min = x.min;
      rec.effect_max = x.max;
      rec.effect_mean = x.mean;
      rec.points = static_cast<std::int64_t>(x.points);
      rec.better_points = static_cast<std::int64_t>(x.better);
      rec.worse_points = static_cast<std::int64_t>(x.worse);
      rec.better_significant = static_cast<std::int64_t>(x.better_significant);
      rec.worse_significant = static_cast<std::int64_t>(x.worse_significant);
      copy_str(rec.better, better_name(metric_spec(x.key.metric).better));
      rec.flips = x.rule.flips;
      rec.rule_describes_worse = x.rule.describes_worse;
      copy_str(rec.rule, x.rule.flips ? x.rule.text : "");
      rec.rule_accuracy = x.rule.flips ? x.rule.accuracy : 1;
      t->append(rec);
    }
    t->close();
  }
}

}  // namespace outputs
