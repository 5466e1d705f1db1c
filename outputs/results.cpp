#include "outputs/results.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <cstring>
#include <fmt/format.h>

#include "models/calendar.hpp"
#include "sim/runner.hpp"

namespace outputs {

namespace {

using h5::Column;

template <std::size_t N>
void copy_str(char (&dst)[N], const std::string& s) {
  std::memset(dst, 0, N);
  std::memcpy(dst, s.data(), std::min(N - 1, s.size()));
}

struct VehicleRow {
  std::uint32_t id;
  std::uint16_t flow, cargo;
  std::uint8_t lane, mode, outcome, spoiled;
  double arrival_s, border_in_s, crossed_s, border_out_s, done_s, transit_s, wait_s, value_lost, transship_cost,
      departure_s;
};

struct StageRow {
  std::uint32_t vehicle_id;
  std::uint16_t stage;
  std::uint8_t lane;
  double enter_s, start_s, end_s;
};

struct TrainRow {
  std::uint16_t rail;
  double departure_s;
  std::int32_t wagons, capacity;
};

struct SummaryRecord {
  char metric[40];
  char group[128];
  char unit[16];
  double mean, sd, ci95_lo, ci95_hi;
  std::int64_t n;
};

struct LookupRow {
  std::uint16_t code;
  char name[96];
};

struct ComparisonRecord {
  char variant[64];
  char metric[40];
  char group[128];
  char unit[16];
  double base_mean, variant_mean, diff_mean, diff_lo, diff_hi;
  std::int64_t n;
  std::uint8_t significant;
};

struct PointRecord {
  std::uint32_t point;
  char parameters[256];
  char metric[40];
  char group[128];
  char unit[16];
  double mean, sd, ci95_lo, ci95_hi;
  std::int64_t n;
};

#define COL(T, field, type, unit) Column{#field, type, offsetof(T, field), unit}

template <class Rec>
void fill_key(Rec& rec, const MetricKey& k) {
  copy_str(rec.metric, k.metric);
  copy_str(rec.group, k.group);
  copy_str(rec.unit, k.unit);
}

template <class Rec>
void fill_ci(Rec& rec, const sim::Interval& ci) {
  rec.mean = ci.mean;
  rec.sd = ci.sd;
  rec.ci95_lo = ci.lo;
  rec.ci95_hi = ci.hi;
  rec.n = static_cast<std::int64_t>(ci.n);
}

void lookup(hid_t group, const std::string& name, const std::vector<std::string>& names) {
  h5::TableWriter t(group, name, sizeof(LookupRow),
                    {COL(LookupRow, code, H5T_NATIVE_UINT16, ""), COL(LookupRow, name, h5::string_type(96), "")}, 256);
  for (std::size_t i = 0; i < names.size(); ++i) {
    LookupRow row{};
    row.code = static_cast<std::uint16_t>(i);
    copy_str(row.name, names[i]);
    t.append(row);
  }
}

}  // namespace

void write_root_attributes(hid_t file, const models::Scenario& sc, const Provenance& p) {
  h5::attr_string(file, "bordersim_version", p.version);
  h5::attr_string(file, "git_revision", p.git_revision);
  h5::attr_string(file, "scenario_name", sc.name);
  h5::attr_string(file, "scenario_description", sc.description);
  h5::attr_string(file, "scenario_file", sc.file);
  h5::attr_string(file, "scenario_yaml", sc.yaml);
  h5::attr_int(file, "seed", static_cast<std::int64_t>(sc.seed));
  h5::attr_int(file, "replications", sc.replications);
  h5::attr_double(file, "horizon_s", sc.horizon_s);
  h5::attr_double(file, "warmup_s", sc.warmup_s);
  h5::attr_string(file, "created", p.created);
}

void write_lookup(hid_t group, const models::Scenario& sc, const std::vector<std::string>& stop_names) {
  h5::Handle g = h5::create_group(group, "lookup");
  std::vector<std::string> flows, cargo;
  for (const auto& f : sc.flows) flows.push_back(f.id);
  for (const auto& r : sc.rail) flows.push_back(r.id);
  for (const auto& c : sc.cargo) cargo.push_back(c.id);
  lookup(g, "flows", flows);
  lookup(g, "cargo", cargo);  // code 65535 = empty truck
  lookup(g, "stages", stop_names);
  lookup(g, "lanes", {"regular", "priority", "dedicated_lane"});
  lookup(g, "outcomes", {"released", "rejected", "in_system"});
  lookup(g, "modes", {"truck", "wagon"});
}

struct WindowRow {
  char side[64];
  double open_s, close_s;
};

void write_windows(hid_t group, const models::Scenario& sc) {
  h5::TableWriter t(group, "windows", sizeof(WindowRow),
                    {COL(WindowRow, side, h5::string_type(64), ""), COL(WindowRow, open_s, H5T_NATIVE_DOUBLE, "s"),
                     COL(WindowRow, close_s, H5T_NATIVE_DOUBLE, "s")},
                    1024);
  for (std::size_t side = 0; side < sc.sides.size(); ++side)
    for (const auto& [open, close] : models::open_windows(sc, side)) {
      if (close < 0 || open > sc.horizon_s) continue;
      WindowRow row{};
      copy_str(row.side, sc.sides[side].id);
      row.open_s = open;
      row.close_s = close;
      t.append(row);
    }
}

TableSink::TableSink(hid_t group, const models::Scenario& sc, std::uint32_t r, models::RecordSink* next)
    : sc_(sc), next_(next) {
  using models::TableScope;
  auto wanted = [r](TableScope s) { return s == TableScope::All || (s == TableScope::First && r == 0); };
  vehicles_ = wanted(sc.outputs.vehicles);
  stages_ = wanted(sc.outputs.visits);
  series_ = sc.outputs.timeseries_step_s > 0;  // small; the report draws bands across replications
  group_ = h5::create_group(group, fmt::format("replications/r{:03}", r));
  if (vehicles_) {
    vehicle_table_ = std::make_unique<h5::TableWriter>(
        group_, "vehicles", sizeof(VehicleRow),
        std::vector<Column>{
            COL(VehicleRow, id, H5T_NATIVE_UINT32, ""), COL(VehicleRow, flow, H5T_NATIVE_UINT16, ""),
            COL(VehicleRow, cargo, H5T_NATIVE_UINT16, ""), COL(VehicleRow, lane, H5T_NATIVE_UINT8, ""),
            COL(VehicleRow, mode, H5T_NATIVE_UINT8, ""), COL(VehicleRow, outcome, H5T_NATIVE_UINT8, ""),
            COL(VehicleRow, spoiled, H5T_NATIVE_UINT8, ""), COL(VehicleRow, arrival_s, H5T_NATIVE_DOUBLE, "s"),
            COL(VehicleRow, border_in_s, H5T_NATIVE_DOUBLE, "s"), COL(VehicleRow, crossed_s, H5T_NATIVE_DOUBLE, "s"),
            COL(VehicleRow, border_out_s, H5T_NATIVE_DOUBLE, "s"), COL(VehicleRow, done_s, H5T_NATIVE_DOUBLE, "s"),
            COL(VehicleRow, transit_s, H5T_NATIVE_DOUBLE, "s"), COL(VehicleRow, wait_s, H5T_NATIVE_DOUBLE, "s"),
            COL(VehicleRow, value_lost, H5T_NATIVE_DOUBLE, sc.cargo.empty() ? "" : sc.cargo[0].currency),
            COL(VehicleRow, transship_cost, H5T_NATIVE_DOUBLE,
                sc.crossings.empty() ? "" : sc.crossings[0].transship_currency),
            COL(VehicleRow, departure_s, H5T_NATIVE_DOUBLE, "s")});
    h5::attr_string(vehicle_table_->dataset(), "note",
                    "one row per vehicle or wagon, in the order they left (those still in the system last); times "
                    "in seconds since the scenario start; -1 = not reached");
    train_table_ = std::make_unique<h5::TableWriter>(
        group_, "trains", sizeof(TrainRow),
        std::vector<Column>{COL(TrainRow, rail, H5T_NATIVE_UINT16, ""), COL(TrainRow, departure_s, H5T_NATIVE_DOUBLE, "s"),
                            COL(TrainRow, wagons, H5T_NATIVE_INT32, "wagons"),
                            COL(TrainRow, capacity, H5T_NATIVE_INT32, "wagons")},
        1024);
  }
  if (stages_)
    stage_table_ = std::make_unique<h5::TableWriter>(
        group_, "stages", sizeof(StageRow),
        std::vector<Column>{COL(StageRow, vehicle_id, H5T_NATIVE_UINT32, ""), COL(StageRow, stage, H5T_NATIVE_UINT16, ""),
                            COL(StageRow, lane, H5T_NATIVE_UINT8, ""), COL(StageRow, enter_s, H5T_NATIVE_DOUBLE, "s"),
                            COL(StageRow, start_s, H5T_NATIVE_DOUBLE, "s"), COL(StageRow, end_s, H5T_NATIVE_DOUBLE, "s")});
}

void TableSink::begin(const std::vector<std::string>& stop_names, const std::vector<std::string>& columns) {
  if (series_ && !columns.empty()) {
    std::vector<Column> cols;
    for (std::size_t i = 0; i < columns.size(); ++i)
      cols.push_back(Column{columns[i], H5T_NATIVE_DOUBLE, i * sizeof(double), i == 0 ? "s" : "vehicles"});
    series_table_ = std::make_unique<h5::TableWriter>(group_, "timeseries", columns.size() * sizeof(double), cols, 1024);
  }
  if (next_) next_->begin(stop_names, columns);
}

void TableSink::vehicle(const models::VehicleRecord& v) {
  if (vehicle_table_)
    vehicle_table_->append(VehicleRow{v.id, v.flow, v.cargo, static_cast<std::uint8_t>(v.treatment), static_cast<std::uint8_t>(v.mode),
                                      static_cast<std::uint8_t>(v.outcome), static_cast<std::uint8_t>(v.spoiled),
                                      v.arrival_s, v.border_in_s, v.crossed_s, v.border_out_s, v.done_s, v.transit_s,
                                      v.wait_s, v.value_lost, v.transship_cost, v.departure_s});
  if (next_) next_->vehicle(v);
}

void TableSink::visit(const models::StopVisit& v) {
  if (stage_table_) stage_table_->append(StageRow{v.vehicle, v.stop, static_cast<std::uint8_t>(v.queue), v.enter_s, v.start_s, v.end_s});
  if (next_) next_->visit(v);
}

void TableSink::train(const models::TrainRecord& t) {
  if (train_table_) train_table_->append(TrainRow{t.rail, t.departure_s, t.wagons, t.capacity});
  if (next_) next_->train(t);
}

void TableSink::sample(const double* row, std::size_t n) {
  if (series_table_) series_table_->append_raw(row);
  if (next_) next_->sample(row, n);
}

void TableSink::finish(const models::RunResult& res) {
  for (auto* t : {vehicle_table_.get(), stage_table_.get(), train_table_.get(), series_table_.get()})
    if (t) t->flush();
  h5::attr_int(group_, "arrived", static_cast<std::int64_t>(res.arrived));
  h5::attr_int(group_, "released", static_cast<std::int64_t>(res.released));
  h5::attr_int(group_, "rejected", static_cast<std::int64_t>(res.rejected));
  h5::attr_int(group_, "in_system", static_cast<std::int64_t>(res.in_system));
  h5::attr_int(group_, "events", static_cast<std::int64_t>(res.events));
}

void write_summary(hid_t group, const std::string& name, const std::vector<SummaryRow>& rows) {
  h5::TableWriter t(group, name, sizeof(SummaryRecord),
                    {COL(SummaryRecord, metric, h5::string_type(40), ""), COL(SummaryRecord, group, h5::string_type(128), ""),
                     COL(SummaryRecord, unit, h5::string_type(16), ""), COL(SummaryRecord, mean, H5T_NATIVE_DOUBLE, ""),
                     COL(SummaryRecord, sd, H5T_NATIVE_DOUBLE, ""), COL(SummaryRecord, ci95_lo, H5T_NATIVE_DOUBLE, ""),
                     COL(SummaryRecord, ci95_hi, H5T_NATIVE_DOUBLE, ""), COL(SummaryRecord, n, H5T_NATIVE_INT64, "")},
                    1024);
  h5::attr_string(t.dataset(), "note", "mean over replications with a Student-t 95 % CI; the unit column gives each row's unit");
  for (const SummaryRow& r : rows) {
    SummaryRecord rec{};
    fill_key(rec, r.key);
    fill_ci(rec, r.ci);
    t.append(rec);
  }
}

ComparisonWriter::ComparisonWriter(hid_t file, const std::string& base)
    : table_(file, "comparison", sizeof(ComparisonRecord),
             std::vector<Column>{COL(ComparisonRecord, variant, h5::string_type(64), ""),
                                 COL(ComparisonRecord, metric, h5::string_type(40), ""),
                                 COL(ComparisonRecord, group, h5::string_type(128), ""),
                                 COL(ComparisonRecord, unit, h5::string_type(16), ""),
                                 COL(ComparisonRecord, base_mean, H5T_NATIVE_DOUBLE, ""),
                                 COL(ComparisonRecord, variant_mean, H5T_NATIVE_DOUBLE, ""),
                                 COL(ComparisonRecord, diff_mean, H5T_NATIVE_DOUBLE, ""),
                                 COL(ComparisonRecord, diff_lo, H5T_NATIVE_DOUBLE, ""),
                                 COL(ComparisonRecord, diff_hi, H5T_NATIVE_DOUBLE, ""),
                                 COL(ComparisonRecord, n, H5T_NATIVE_INT64, ""),
                                 COL(ComparisonRecord, significant, H5T_NATIVE_UINT8, "")},
             1024) {
  h5::attr_string(table_.dataset(), "base", base);
  h5::attr_string(table_.dataset(), "note",
                  "diff = variant - base, paired over replications (common random numbers), 95 % CI");
}

void ComparisonWriter::add(const std::string& variant, const std::vector<DiffRow>& rows) {
  for (const DiffRow& d : rows) {
    ComparisonRecord rec{};
    copy_str(rec.variant, variant);
    fill_key(rec, d.key);
    rec.base_mean = d.base.mean;
    rec.variant_mean = d.variant.mean;
    rec.diff_mean = d.diff.mean;
    rec.diff_lo = d.diff.lo;
    rec.diff_hi = d.diff.hi;
    rec.n = static_cast<std::int64_t>(d.diff.n);
    rec.significant = d.significant;
    table_.append(rec);
  }
  table_.flush();
}

void write_points(hid_t file, const std::vector<PointRow>& rows) {
  h5::TableWriter t(file, "points", sizeof(PointRecord),
                    {COL(PointRecord, point, H5T_NATIVE_UINT32, ""), COL(PointRecord, parameters, h5::string_type(256), ""),
                     COL(PointRecord, metric, h5::string_type(40), ""), COL(PointRecord, group, h5::string_type(128), ""),
                     COL(PointRecord, unit, h5::string_type(16), ""), COL(PointRecord, mean, H5T_NATIVE_DOUBLE, ""),
                     COL(PointRecord, sd, H5T_NATIVE_DOUBLE, ""), COL(PointRecord, ci95_lo, H5T_NATIVE_DOUBLE, ""),
                     COL(PointRecord, ci95_hi, H5T_NATIVE_DOUBLE, ""), COL(PointRecord, n, H5T_NATIVE_INT64, "")},
                    4096);
  for (const PointRow& p : rows) {
    PointRecord rec{};
    rec.point = p.point;
    copy_str(rec.parameters, p.parameters);
    fill_key(rec, p.row.key);
    fill_ci(rec, p.row.ci);
    t.append(rec);
  }
}

std::vector<ReplicationMetrics> run_and_write(const models::Scenario& sc, hid_t group, const RunControl& ctl) {
  // Each worker streams its replication straight into its own group of the file (Debian's HDF5
  // is built thread-safe: calls are serialised by the library), so no replication's records are
  // ever held whole. Dataset contents do not depend on the thread count; only the order in
  // which objects are laid out in the file does.
  const std::size_t total = static_cast<std::size_t>(sc.replications);
  unsigned threads = ctl.threads ? ctl.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, total));
  std::once_flag lookup_once;
  std::atomic<std::uint64_t> hours{0};
  std::atomic<std::size_t> done{0};
  auto progress = [&](double elapsed) {
    if (ctl.progress) ctl.progress(done.load(), total, static_cast<double>(hours.load()) / 24.0, elapsed);
  };
  h5::create_group(group, "replications");
  write_windows(group, sc);
  sim::RunnerOptions ro;
  ro.threads = threads;
  ro.cancel = ctl.cancel;
  ro.progress_interval_s = 0.25;
  if (ctl.progress) ro.progress = [&](const sim::Progress& p) { progress(p.elapsed_s); };
  auto per_rep = sim::run_replications<ReplicationMetrics>(
      total,
      [&](std::uint32_t r, std::atomic<std::uint64_t>&) {
        MetricsSink metrics_sink(sc);
        std::unique_ptr<TableSink> tables;
        if (ctl.write_tables) tables = std::make_unique<TableSink>(group, sc, r, &metrics_sink);
        struct LookupSink : models::RecordSink {  // writes /lookup once, from the first replication to begin
          std::once_flag* once;
          hid_t group;
          const models::Scenario* sc;
          models::RecordSink* next;
          void begin(const std::vector<std::string>& stops, const std::vector<std::string>& cols) override {
            std::call_once(*once, [&] { write_lookup(group, *sc, stops); });
            next->begin(stops, cols);
          }
          void vehicle(const models::VehicleRecord& v) override { next->vehicle(v); }
          void visit(const models::StopVisit& v) override { next->visit(v); }
          void train(const models::TrainRecord& t) override { next->train(t); }
          void sample(const double* row, std::size_t n) override { next->sample(row, n); }
        } lookup_sink;
        lookup_sink.once = &lookup_once;
        lookup_sink.group = group;
        lookup_sink.sc = &sc;
        lookup_sink.next = tables ? static_cast<models::RecordSink*>(tables.get()) : &metrics_sink;
        models::ReplicationHooks hooks{ctl.cancel, &hours};
        models::RunResult res = models::run_replication(sc, r, hooks, &lookup_sink);
        if (tables) tables->finish(res);
        ReplicationMetrics out = metrics_sink.finish(res);
        done.fetch_add(1);
        return out;
      },
      ro);
  return per_rep;
}

}  // namespace outputs
