#include "outputs/writer.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "models/calendar.hpp"
#include "models/loader.hpp"
#include "models/plan.hpp"
#include "models/uncertain.hpp"
#include "models/units.hpp"
#include "outputs/chunk_pipeline.hpp"
#include "outputs/network.hpp"
#include "sim/runner.hpp"
#include "sim/stop.hpp"

namespace outputs {

void fill_key_text(row::KeyText& key, const MetricKey& k) {
  copy_str(key.metric, metric_name(k.metric));
  copy_str(key.group, k.label);
  copy_str(key.unit, k.unit);
}

namespace {

template <class Rec>
void fill_key(Rec& rec, const MetricKey& k) {
  fill_key_text(rec.key, k);
  rec.codes = group_codes(k.group);
}

void fill_ci(row::Ci& rec, const sim::Interval& ci) {
  rec.mean = ci.mean;
  rec.sd = ci.sd;
  rec.ci95_lo = ci.lo;
  rec.ci95_hi = ci.hi;
  rec.n = static_cast<std::int64_t>(ci.n);
}

// Money columns are in the scenario's reporting currency (converted by the loader at the rates
// the scenario states): their unit attribute names it.
std::vector<std::pair<std::string, std::string>> money_units(const models::Scenario& sc) {
  return {{"value_lost", sc.currency}, {"transship_cost", sc.currency}};
}

}  // namespace

std::string sha256_hex(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(text.data(), text.size(), md, &n, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("computing a SHA-256 failed");
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
}

void write_scenario_provenance(hid_t obj, const models::Scenario& sc) {
  h5::attr_string(obj, "scenario_resolved_yaml", models::resolved_as_run(sc));
  std::string chain;
  for (std::size_t i = 0; i < sc.chain.size(); ++i) {
    const auto& [path, text] = sc.chain[i];
    chain += fmt::format("# ---- base {}: {} (sha256 {}, {} bytes)\n", i + 1, path,
                         sha256_hex(text), text.size()) +
             text + (text.empty() || text.back() == '\n' ? "" : "\n");
  }
  h5::attr_string(obj, "scenario_chain", chain);
  std::string uncertain;
  for (const models::UncertainInput& in : sc.uncertain)
    uncertain += in.name + "\t" + in.key + "\t" + models::range_words(in) + "\t" +
                 models::own_value(sc, in) + "\t" +
                 (in.source.empty() ? "why: " + in.why : "source: " + in.source) + "\n";
  if (!uncertain.empty()) h5::attr_string(obj, "uncertain_inputs", uncertain);
}

void write_root_attributes(hid_t file, const models::Scenario& sc, const Provenance& p) {
  h5::attr_string(file, "bordersim_version", p.version);
  h5::attr_string(file, "git_revision", p.git_revision);
  h5::attr_string(file, "scenario_name", sc.name);
  h5::attr_string(file, "scenario_description", sc.description);
  h5::attr_string(file, "scenario_file", sc.file);
  h5::attr_string(file, "scenario_yaml", sc.yaml);
  write_scenario_provenance(file, sc);
  h5::attr_int(file, "seed", static_cast<std::int64_t>(sc.seed));
  h5::attr_int(file, "replications", sc.replications);
  h5::attr_double(file, "horizon_s", sc.horizon_s);
  h5::attr_double(file, "warmup_s", sc.warmup_s);
  h5::attr_double(file, "start_epoch_s", sc.epoch_s());
  const int minutes = static_cast<int>(sc.start_time_s / 60);
  h5::attr_string(file, "start_local",
                  fmt::format("{} {:02}:{:02}", models::units::format_date(sc.start_day),
                              minutes / 60, minutes % 60));
  h5::attr_string(file, "time_zone", sc.zone);
  h5::attr_int(file, "utc_offset_s", sc.utc_offset_s);
  h5::attr_string(file, "created", p.created);
}

void write_lookup(hid_t group, const models::Scenario& sc, const models::Plan& plan) {
  h5::Handle g = h5::create_group(group, "lookup");
  std::vector<std::string> sites;
  for (const models::Site& site : plan.sites().all()) sites.push_back(site.name);
  const GroupNames names = group_names(sc, sites);
  std::vector<std::string> kinds, rail;
  for (const GroupKindSpec& k : group_kinds()) kinds.push_back(k.name);
  for (const models::Rail& r : sc.rail) rail.push_back(r.id);
  for (const LookupSpec& l : lookup_specs()) {
    if (l.name == "cargo") {
      auto t = make_table(g, table_spec(Table::CargoLookup));
      for (std::size_t i = 0; i < sc.cargo.size(); ++i) {
        row::CargoLookup row{};
        row.code = static_cast<std::uint16_t>(i);
        copy_str(row.name, sc.cargo[i].id);
        copy_str(row.currency, sc.cargo[i].currency);
        t->append(row);
      }
      continue;
    }
    const std::vector<std::string>& list = !l.names.empty()        ? l.names
                                           : l.name == "flows"     ? names.flows
                                           : l.name == "stops"     ? names.stops
                                           : l.name == "sides"     ? names.sides
                                           : l.name == "crossings" ? names.crossings
                                           : l.name == "rail"      ? rail
                                           : l.name == "routes"    ? names.routes
                                           : l.name == "agencies"  ? names.agencies
                                                                   : kinds;
    auto t = make_table(g, table_spec(Table::Lookup), {}, l.name);
    for (std::size_t i = 0; i < list.size(); ++i) {
      row::Lookup row{};
      row.code = static_cast<std::uint16_t>(i);
      copy_str(row.name, list[i]);
      t->append(row);
    }
  }
}

void write_stops(hid_t group, const models::Plan& plan) {
  auto t = make_table(group, table_spec(Table::Stops));
  const models::Sites& sites = plan.sites();
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const models::Site& site = sites[i];
    row::Stop r{};
    r.code = static_cast<std::uint16_t>(i);
    copy_str(r.name, site.name);
    r.kind = static_cast<std::uint8_t>(site.kind);
    r.side = site.side;
    r.crossing = site.crossing;
    r.direction = static_cast<std::uint8_t>(site.direction);
    t->append(r);
  }
}

void write_windows(hid_t group, const models::Scenario& sc) {
  auto t = make_table(group, table_spec(Table::Windows));
  for (std::size_t side = 0; side < sc.sides.size(); ++side)
    for (const auto& [open, close] : models::open_windows(sc, side)) {
      sim::poll_stop();  // a window a day: a long horizon has many
      if (close < 0 || open > sc.horizon_s) continue;
      row::Window row{};
      copy_str(row.side, sc.sides[side].id);
      row.open_s = open;
      row.close_s = close;
      t->append(row);
    }
}

TableSink::TableSink(hid_t group, const models::Scenario& sc, const models::Plan& plan,
                     std::uint32_t r, models::RecordSink* next, ChunkPipeline* pipeline)
    : sc_(sc), next_(next), pipeline_(pipeline) {
  using models::TableScope;
  auto wanted = [r](TableScope s) {
    return s == TableScope::All || (s == TableScope::First && r == 0);
  };
  series_ = sc.outputs.timeseries_step_s > 0;  // small; the report draws bands across replications
  group_ = h5::create_group(group, fmt::format("replications/r{:03}", r));
  if (wanted(sc.outputs.vehicles)) {
    vehicle_table_ = make_table(group_, table_spec(Table::Vehicles), money_units(sc), "", pipeline);
    train_table_ = make_table(group_, table_spec(Table::Trains), {}, "", pipeline);
  }
  if (wanted(sc.outputs.visits))
    visit_table_ = make_table(group_, table_spec(Table::Visits), {}, "", pipeline);
  write_capacity(group_, sc, plan);
}

void write_capacity(hid_t group, const models::Scenario& sc, const models::Plan& plan) {
  const models::Sites& sites = plan.sites();
  const models::CapacityPlan& cp = plan.capacity();
  auto t = make_table(group, table_spec(Table::Capacity));
  auto steps = [&](std::size_t site, const sim::CapacitySchedule& schedule, models::QueueKind q) {
    for (const sim::CapacityStep& step : schedule.steps()) {
      if (step.t >= sc.horizon_s) break;
      t->append(row::CapacityStep{std::max(step.t, 0.0), static_cast<std::uint16_t>(site),
                                  static_cast<std::uint8_t>(q), step.servers});
    }
  };
  for (std::size_t i = 0; i < sites.size(); ++i) {
    sim::poll_stop();
    const models::Site& site = sites[i];
    if (site.kind == models::SiteKind::Yard) {
      const models::GateSide& g = sc.sides[static_cast<std::size_t>(site.side)];
      const int places = g.yard(site.direction == models::SiteDirection::Outbound).capacity;
      if (places > 0)
        t->append(row::CapacityStep{0, static_cast<std::uint16_t>(i),
                                    static_cast<std::uint8_t>(models::QueueKind::Shared), places});
      continue;
    }
    steps(i, cp.servers[i], models::QueueKind::Shared);
    steps(i, cp.lane[i], models::QueueKind::Lane);
  }
  t->close();
}

void TableSink::begin(const std::vector<std::string>& stop_names,
                      const std::vector<std::string>& sampled) {
  // The time series, long: a row per sampled site (models/sites.hpp order) per sample.
  if (series_ && !sampled.empty())
    series_table_ = make_table(group_, table_spec(Table::Timeseries), {}, "", pipeline_);
  if (next_) next_->begin(stop_names, sampled);
}

void TableSink::vehicle(const models::VehicleRecord& v) {
  if (vehicle_table_) {
    // Field by field: the row has many doubles in a row, and a positional list would shift
    // them silently when one is added.
    row::Vehicle r{};
    r.id = v.id;
    r.flow = flow_code(sc_, v.source);
    r.cargo = v.cargo;
    // Wagons (flows past the road flows) have no route.
    r.route = v.source.is_road() ? route_code(sc_, v.source.index, v.route) : -1;
    r.treatment = static_cast<std::uint8_t>(v.treatment);
    r.mode = static_cast<std::uint8_t>(v.mode);
    r.outcome = static_cast<std::uint8_t>(v.outcome);
    r.spoiled = static_cast<std::uint8_t>(v.spoiled);
    r.arrival_s = v.arrival_s;
    r.border_in_s = v.border_in_s;
    r.exit_cleared_s = v.exit_cleared_s;
    r.crossed_s = v.crossed_s;
    r.entry_in_s = v.entry_in_s;
    r.border_out_s = v.border_out_s;
    r.done_s = v.done_s;
    r.transit_s = v.transit_s;
    r.wait_s = v.wait_s;
    r.road_wait_s = v.road_wait_s;
    r.joint_s = v.seg_joint_s;
    r.value_lost = v.value_lost;
    r.transship_cost = v.transship_cost;
    r.trip_cost = v.trip_cost;
    r.departure_s = v.departure_s;
    r.held_s = v.held_s;
    r.response = static_cast<std::uint8_t>(v.response);
    r.by_notice = static_cast<std::uint8_t>(v.by_notice);
    vehicle_table_->append(r);
  }
  if (next_) next_->vehicle(v);
}

void TableSink::visit(const models::StopVisit& v) {
  if (visit_table_)
    visit_table_->append(row::Visit{v.vehicle, v.stop, static_cast<std::uint8_t>(v.queue),
                                    v.enter_s, v.start_s, v.end_s});
  if (next_) next_->visit(v);
}

void TableSink::train(const models::TrainRecord& t) {
  if (train_table_) train_table_->append(row::Train{t.rail, t.departure_s, t.wagons, t.capacity});
  if (next_) next_->train(t);
}

void TableSink::sample(const double* row, std::size_t n) {
  if (series_table_)
    for (std::size_t k = 0; 2 * k + 2 < n + 1; ++k)
      series_table_->append(
          row::Sample{row[0], static_cast<std::uint16_t>(k), row[1 + 2 * k], row[2 + 2 * k]});
  if (next_) next_->sample(row, n);
}

void TableSink::backlog(const double* row, std::size_t n) {
  // Held until finish, where the model's own column names arrive (RunResult::backlog_columns):
  // one row a day, so a year with ten crossings is a few tens of kilobytes.
  backlog_.insert(backlog_.end(), row, row + n);
  if (next_) next_->backlog(row, n);
}

void TableSink::routes(const double* row, std::size_t n) {
  routes_.insert(routes_.end(), row, row + n);  // one row a day, written at finish
  if (next_) next_->routes(row, n);
}

void TableSink::finish(const models::RunResult& res) {
  for (auto* t :
       {vehicle_table_.get(), visit_table_.get(), train_table_.get(), series_table_.get()})
    if (t) t->close();
  // The daily tables whose columns the model names: t_s, then its columns.
  auto daily = [&](Table table, const std::vector<std::string>& columns,
                   const std::vector<double>& data) {
    if (columns.empty()) return;
    const TableSpec& spec = table_spec(table);
    std::vector<std::string> names{spec.columns[0].name};
    names.insert(names.end(), columns.begin(), columns.end());
    h5::TableWriter t(group_, spec.name, names.size() * sizeof(double),
                      series_columns(table, names), spec.chunk_rows);
    h5::attr_string(t.dataset(), "note", spec.note);
    for (std::size_t i = 0; i + names.size() <= data.size(); i += names.size())
      t.append_raw(data.data() + i);
    t.close();
  };
  daily(Table::Backlog, res.backlog_columns, backlog_);
  daily(Table::Routes, res.route_columns, routes_);
  h5::attr_int(group_, "arrived", static_cast<std::int64_t>(res.arrived));
  h5::attr_int(group_, "released", static_cast<std::int64_t>(res.released));
  h5::attr_int(group_, "rejected", static_cast<std::int64_t>(res.rejected));
  h5::attr_int(group_, "turned_away", static_cast<std::int64_t>(res.turned_away));
  h5::attr_int(group_, "in_system", static_cast<std::int64_t>(res.in_system));
  h5::attr_int(group_, "events", static_cast<std::int64_t>(res.events));
}

void write_summary(hid_t group, const std::string& name, const std::vector<SummaryRow>& rows) {
  auto t = make_table(group, table_spec(Table::Summary), {}, name);
  std::unique_ptr<h5::TableWriter> curves;  // the curve metrics go to /reliability
  for (const SummaryRow& r : rows) {
    if (metric_spec(r.key.metric).curve) {
      if (!curves) curves = make_table(group, table_spec(Table::Reliability));
      row::Curve rec{};
      fill_key(rec, r.key);
      rec.at = r.key.at;
      fill_ci(rec.ci, r.ci);
      curves->append(rec);
      continue;
    }
    row::Summary rec{};
    fill_key(rec, r.key);
    fill_ci(rec.ci, r.ci);
    t->append(rec);
  }
  t->close();
  if (curves) curves->close();
}

std::vector<SummaryRow> read_summary_rows(hid_t loc, const std::string& path) {
  std::vector<SummaryRow> rows;
  for (const row::Summary& r : read_rows<row::Summary>(loc, path, table_spec(Table::Summary))) {
    const auto metric = metric_by_name(text(r.key.metric));
    if (!metric) continue;
    SummaryRow s;
    s.key = MetricKey{*metric, group_of(r.codes), text(r.key.group), text(r.key.unit)};
    s.ci.mean = r.ci.mean;
    s.ci.sd = r.ci.sd;
    s.ci.lo = r.ci.ci95_lo;
    s.ci.hi = r.ci.ci95_hi;
    s.ci.n = static_cast<std::size_t>(r.ci.n);
    rows.push_back(std::move(s));
  }
  return rows;
}

ComparisonWriter::ComparisonWriter(hid_t file, const std::string& base)
    : table_(make_table(file, table_spec(Table::Comparison))) {
  h5::attr_string(table_->dataset(), "base", base);
}

void ComparisonWriter::add(const std::string& variant, const std::vector<DiffRow>& rows) {
  for (const DiffRow& d : rows) {
    row::Comparison rec{};
    copy_str(rec.variant, variant);
    fill_key(rec, d.key);
    rec.base_mean = d.base.mean;
    rec.variant_mean = d.variant.mean;
    rec.diff_mean = d.diff.mean;
    rec.diff_lo = d.diff.lo;
    rec.diff_hi = d.diff.hi;
    rec.pct_change = d.pct_change;
    rec.p_value = d.p_value;
    rec.n = static_cast<std::int64_t>(d.diff.n);
    rec.significant = d.significant;
    rec.significant_holm = d.significant_holm;
    copy_str(rec.better, better_name(metric_spec(d.key.metric).better));
    table_->append(rec);
  }
  table_->flush();
}

DecompositionWriter::DecompositionWriter(hid_t file, const std::string& base)
    : table_(make_table(file, table_spec(Table::Decomposition))) {
  h5::attr_string(table_->dataset(), "base", base);
}

void DecompositionWriter::add(const std::string& variant, const std::vector<Decomposition>& rows) {
  for (const Decomposition& d : rows)
    for (const DecompositionPart& p : d.parts) {
      row::Decomposition rec{};
      copy_str(rec.variant, variant);
      fill_key(rec, d.key);
      copy_str(rec.segment, p.segment);
      rec.base_mean = p.base.mean;
      rec.variant_mean = p.variant.mean;
      rec.diff_mean = p.diff.mean;
      rec.diff_lo = p.diff.lo;
      rec.diff_hi = p.diff.hi;
      rec.n = static_cast<std::int64_t>(p.diff.n);
      table_->append(rec);
    }
  table_->flush();
}

void write_points(hid_t file, const std::vector<PointRow>& rows) {
  auto t = make_table(file, table_spec(Table::Points));
  std::size_t n = 0;
  for (const PointRow& p : rows) {
    if (n++ % 4096 == 0) sim::poll_stop();              // a big grid's rows
    if (metric_spec(p.row.key.metric).curve) continue;  // each point's /reliability has them
    row::Point rec{};
    rec.point = p.point;
    copy_str(rec.parameters, p.parameters);
    fill_key(rec, p.row.key);
    fill_ci(rec.ci, p.row.ci);
    t->append(rec);
  }
  t->close();
}

void write_point_parameters(hid_t file, const std::vector<SweepAxis>& axes,
                            const std::vector<std::vector<std::size_t>>& grid) {
  auto t = make_table(file, table_spec(Table::PointParameters));
  for (std::size_t p = 0; p < grid.size(); ++p)
    for (std::size_t a = 0; a < axes.size(); ++a) {
      if (a == 0) sim::poll_stop();  // per grid point
      row::PointParameter rec{};
      rec.point = static_cast<std::uint32_t>(p);
      rec.axis = static_cast<std::uint16_t>(a);
      copy_str(rec.parameter, axes[a].path);
      copy_str(rec.value, axes[a].values[grid[p][a]]);
      t->append(rec);
    }
  t->close();
}

}  // namespace outputs
