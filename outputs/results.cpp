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

void write_lookup(hid_t group, const models::Scenario& sc, const models::RunResult& sample) {
  h5::Handle g = h5::create_group(group, "lookup");
  std::vector<std::string> flows, cargo;
  for (const auto& f : sc.flows) flows.push_back(f.id);
  for (const auto& r : sc.rail) flows.push_back(r.id);
  for (const auto& c : sc.cargo) cargo.push_back(c.id);
  lookup(g, "flows", flows);
  lookup(g, "cargo", cargo);  // code 65535 = empty truck
  lookup(g, "stages", sample.stop_names);
  lookup(g, "lanes", {"regular", "priority", "dedicated_lane"});
  lookup(g, "outcomes", {"released", "rejected", "in_system"});
  lookup(g, "modes", {"truck", "wagon"});
}

void write_replication(hid_t group, const models::Scenario& sc, std::uint32_t r, const models::RunResult& res) {
  using models::TableScope;
  auto wanted = [r](TableScope s) { return s == TableScope::All || (s == TableScope::First && r == 0); };
  const bool vehicles = wanted(sc.outputs.vehicles), stages = wanted(sc.outputs.stages);
  const bool series = sc.outputs.timeseries_step_s > 0 && wanted(sc.outputs.vehicles == TableScope::None
                                                                   ? TableScope::First
                                                                   : sc.outputs.vehicles);
  h5::Handle g = h5::create_group(group, fmt::format("replications/r{:03}", r));
  h5::attr_int(g, "arrived", static_cast<std::int64_t>(res.arrived));
  h5::attr_int(g, "released", static_cast<std::int64_t>(res.released));
  h5::attr_int(g, "rejected", static_cast<std::int64_t>(res.rejected));
  h5::attr_int(g, "in_system", static_cast<std::int64_t>(res.in_system));
  h5::attr_int(g, "events", static_cast<std::int64_t>(res.events));
  if (vehicles) {
    h5::TableWriter t(g, "vehicles", sizeof(VehicleRow),
                      {COL(VehicleRow, id, H5T_NATIVE_UINT32, ""), COL(VehicleRow, flow, H5T_NATIVE_UINT16, ""),
                       COL(VehicleRow, cargo, H5T_NATIVE_UINT16, ""), COL(VehicleRow, lane, H5T_NATIVE_UINT8, ""),
                       COL(VehicleRow, mode, H5T_NATIVE_UINT8, ""), COL(VehicleRow, outcome, H5T_NATIVE_UINT8, ""),
                       COL(VehicleRow, spoiled, H5T_NATIVE_UINT8, ""),
                       COL(VehicleRow, arrival_s, H5T_NATIVE_DOUBLE, "s"),
                       COL(VehicleRow, border_in_s, H5T_NATIVE_DOUBLE, "s"),
                       COL(VehicleRow, crossed_s, H5T_NATIVE_DOUBLE, "s"),
                       COL(VehicleRow, border_out_s, H5T_NATIVE_DOUBLE, "s"),
                       COL(VehicleRow, done_s, H5T_NATIVE_DOUBLE, "s"), COL(VehicleRow, transit_s, H5T_NATIVE_DOUBLE, "s"),
                       COL(VehicleRow, wait_s, H5T_NATIVE_DOUBLE, "s"),
                       COL(VehicleRow, value_lost, H5T_NATIVE_DOUBLE, sc.cargo.empty() ? "" : sc.cargo[0].currency),
                       COL(VehicleRow, transship_cost, H5T_NATIVE_DOUBLE,
                           sc.crossings.empty() ? "" : sc.crossings[0].transship_currency),
                       COL(VehicleRow, departure_s, H5T_NATIVE_DOUBLE, "s")});
    h5::attr_string(t.dataset(), "note", "times in seconds since the scenario start; -1 = not reached");
    for (const auto& v : res.vehicles) {
      VehicleRow row{v.id, v.flow, v.cargo, v.lane, static_cast<std::uint8_t>(v.mode),
                       static_cast<std::uint8_t>(v.outcome), static_cast<std::uint8_t>(v.spoiled), v.arrival_s,
                       v.border_in_s, v.crossed_s, v.border_out_s, v.done_s, v.transit_s, v.wait_s, v.value_lost,
                     v.transship_cost, v.departure_s};
      t.append(row);
    }
    t.flush();
    h5::TableWriter trains(g, "trains", sizeof(TrainRow),
                           {COL(TrainRow, rail, H5T_NATIVE_UINT16, ""), COL(TrainRow, departure_s, H5T_NATIVE_DOUBLE, "s"),
                            COL(TrainRow, wagons, H5T_NATIVE_INT32, "wagons"),
                            COL(TrainRow, capacity, H5T_NATIVE_INT32, "wagons")},
                           1024);
    for (const auto& tr : res.trains) trains.append(TrainRow{tr.rail, tr.departure_s, tr.wagons, tr.capacity});
  }
  if (stages) {
    h5::TableWriter t(g, "stages", sizeof(StageRow),
                      {COL(StageRow, vehicle_id, H5T_NATIVE_UINT32, ""), COL(StageRow, stage, H5T_NATIVE_UINT16, ""),
                       COL(StageRow, lane, H5T_NATIVE_UINT8, ""), COL(StageRow, enter_s, H5T_NATIVE_DOUBLE, "s"),
                       COL(StageRow, start_s, H5T_NATIVE_DOUBLE, "s"), COL(StageRow, end_s, H5T_NATIVE_DOUBLE, "s")});
    for (const auto& v : res.visits) t.append(StageRow{v.vehicle, v.stop, v.lane, v.enter_s, v.start_s, v.end_s});
  }
  if (series && !res.timeseries_columns.empty()) {
    const std::size_t ncol = res.timeseries_columns.size();
    std::vector<Column> cols;
    for (std::size_t i = 0; i < ncol; ++i)
      cols.push_back(Column{res.timeseries_columns[i], H5T_NATIVE_DOUBLE, i * sizeof(double), i == 0 ? "s" : "vehicles"});
    h5::TableWriter t(g, "timeseries", ncol * sizeof(double), cols, 1024);
    for (std::size_t row = 0; row + ncol <= res.timeseries.size(); row += ncol) t.append_raw(&res.timeseries[row]);
  }
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
    copy_str(rec.metric, r.key.metric);
    copy_str(rec.group, r.key.group);
    copy_str(rec.unit, r.key.unit);
    rec.mean = r.ci.mean;
    rec.sd = r.ci.sd;
    rec.ci95_lo = r.ci.lo;
    rec.ci95_hi = r.ci.hi;
    rec.n = static_cast<std::int64_t>(r.ci.n);
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
    copy_str(rec.metric, d.key.metric);
    copy_str(rec.group, d.key.group);
    copy_str(rec.unit, d.key.unit);
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
    copy_str(rec.metric, p.row.key.metric);
    copy_str(rec.group, p.row.key.group);
    copy_str(rec.unit, p.row.key.unit);
    rec.mean = p.row.ci.mean;
    rec.sd = p.row.ci.sd;
    rec.ci95_lo = p.row.ci.lo;
    rec.ci95_hi = p.row.ci.hi;
    rec.n = static_cast<std::int64_t>(p.row.ci.n);
    t.append(rec);
  }
}

std::vector<ReplicationMetrics> run_and_write(const models::Scenario& sc, hid_t group, const RunControl& ctl) {
  const std::size_t total = static_cast<std::size_t>(sc.replications);
  unsigned threads = ctl.threads ? ctl.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, total));
  std::mutex m;
  std::condition_variable cv;
  std::map<std::uint32_t, models::RunResult> ready;
  std::exception_ptr error;
  std::atomic<bool> stop{false};
  std::atomic<std::uint32_t> next{0};
  std::atomic<std::uint64_t> hours{0};
  const std::size_t max_buffered = 2 * static_cast<std::size_t>(threads);
  std::uint32_t writing = 0;  // the replication the writer waits for

  auto cancelled = [&] { return stop.load() || (ctl.cancel && ctl.cancel->load()); };
  auto worker = [&] {
    for (;;) {
      std::uint32_t r = next.fetch_add(1);
      if (r >= total || cancelled()) return;
      {
        // Bound the memory: do not run too far ahead of the writer.
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return r < writing + max_buffered || cancelled(); });
      }
      try {
        models::ReplicationHooks hooks{ctl.cancel, &hours};
        models::RunResult res = models::run_replication(sc, r, hooks);
        std::lock_guard<std::mutex> lock(m);
        ready.emplace(r, std::move(res));
      } catch (...) {
        std::lock_guard<std::mutex> lock(m);
        if (!error) error = std::current_exception();
        stop = true;
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);

  std::vector<ReplicationMetrics> metrics(total);
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  try {
    for (std::uint32_t r = 0; r < total; ++r) {
      models::RunResult res;
      {
        std::unique_lock<std::mutex> lock(m);
        while (!ready.count(r) && !error && !(ctl.cancel && ctl.cancel->load())) {
          cv.wait_for(lock, std::chrono::milliseconds(250));
          if (ctl.progress) {
            lock.unlock();
            ctl.progress(r, total, static_cast<double>(hours.load()) / 24.0, elapsed());
            lock.lock();
          }
        }
        if (error || !ready.count(r)) break;
        res = std::move(ready.at(r));
        ready.erase(r);
        writing = r + 1;
      }
      cv.notify_all();
      if (r == 0) write_lookup(group, sc, res);
      if (ctl.write_tables) write_replication(group, sc, r, res);
      metrics[r] = compute_metrics(sc, res);
      if (ctl.progress) ctl.progress(r + 1, total, static_cast<double>(hours.load()) / 24.0, elapsed());
    }
  } catch (...) {
    stop = true;
    cv.notify_all();
    for (auto& t : pool) t.join();
    throw;
  }
  stop = true;
  cv.notify_all();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  if (ctl.cancel && ctl.cancel->load()) throw sim::Cancelled();
  return metrics;
}

}  // namespace outputs
