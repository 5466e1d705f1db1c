#include "app/replicate.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "models/border.hpp"
#include "outputs/chunk_pipeline.hpp"
#include "outputs/network.hpp"
#include "outputs/writer.hpp"
#include "sim/runner.hpp"

namespace app {

using outputs::ChunkPipeline;
using outputs::MetricsSink;
using outputs::ReplicationMetrics;
using outputs::ReplicationRecord;
using outputs::TableSink;

namespace {

// Writes /lookup once, from the first replication to begin, and forwards every record.
struct LookupSink : models::RecordSink {
  std::once_flag* once;
  hid_t group;
  const models::Scenario* sc;
  const models::Plan* plan;
  models::RecordSink* next;
  void begin(const std::vector<std::string>& stops, const std::vector<std::string>& cols) override {
    std::call_once(*once, [&] { outputs::write_lookup(group, *sc, *plan); });
    next->begin(stops, cols);
  }
  void vehicle(const models::VehicleRecord& v) override { next->vehicle(v); }
  void visit(const models::StopVisit& v) override { next->visit(v); }
  void train(const models::TrainRecord& t) override { next->train(t); }
  void sample(const double* row, std::size_t n) override { next->sample(row, n); }
  void backlog(const double* row, std::size_t n) override { next->backlog(row, n); }
  void routes(const double* row, std::size_t n) override { next->routes(row, n); }
};

// Replications run elsewhere (RunControl::fetch), written here in replication order.
std::vector<ReplicationMetrics> write_fetched(const models::Scenario& sc, const models::Plan& plan,
                                              hid_t group, const RunControl& ctl,
                                              ChunkPipeline* pipeline) {
  const std::size_t total = static_cast<std::size_t>(sc.replications);
  std::vector<ReplicationMetrics> per_rep(total);
  std::once_flag lookup_once;
  if (sc.first_replication > 0) std::call_once(lookup_once, [] {});  // a later batch
  const auto t0 = std::chrono::steady_clock::now();
  for (std::size_t r = 0; r < total; ++r) {
    ReplicationRecord rec = ctl.fetch(static_cast<std::uint32_t>(r));
    if (!rec.error.empty()) throw std::runtime_error(rec.error);
    LookupSink lookup;
    lookup.once = &lookup_once;
    lookup.group = group;
    lookup.sc = &sc;
    lookup.plan = &plan;
    struct Ignore : models::RecordSink {
      void vehicle(const models::VehicleRecord&) override {}
      void visit(const models::StopVisit&) override {}
      void train(const models::TrainRecord&) override {}
      void sample(const double*, std::size_t) override {}
    } ignore;
    std::unique_ptr<TableSink> tables;
    if (ctl.write_tables)
      tables = std::make_unique<TableSink>(
          group, sc, plan, sc.first_replication + static_cast<std::uint32_t>(r), nullptr, pipeline);
    lookup.next = tables ? static_cast<models::RecordSink*>(tables.get()) : &ignore;
    replay(rec, lookup);
    if (tables) tables->finish(rec.result);
    per_rep[r] = std::move(rec.metrics);
    if (ctl.progress)
      ctl.progress(r + 1, total, static_cast<double>(r + 1) * sc.horizon_s / 86400.0,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return per_rep;
}

unsigned thread_count(const RunControl& ctl, std::size_t total) {
  const unsigned threads =
      ctl.threads ? ctl.threads : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(total, 1)));
}

// The one replication loop under run_and_write and evaluate: replications on the thread pool,
// each into a MetricsSink, behind the sink `wrap` puts in front of it (the file's tables) or
// none; `done_with` sees each result before its metrics are taken. Metrics do not depend on the
// wrapping: a file or none, the numbers are the same bit for bit.
template <class Wrap, class Done>
std::vector<ReplicationMetrics> replicate(const models::Scenario& sc, const RunControl& ctl,
                                          unsigned threads, Wrap wrap, Done done_with) {
  const std::size_t total = static_cast<std::size_t>(sc.replications);
  std::atomic<std::uint64_t> hours{0};
  std::atomic<std::size_t> done{0};
  sim::RunnerOptions ro;
  ro.threads = threads;
  ro.cancel = ctl.cancel;
  ro.progress_interval_s = 0.25;
  if (ctl.progress)
    ro.progress = [&](const sim::Progress& p) {
      ctl.progress(done.load(), total, static_cast<double>(hours.load()) / 24.0, p.elapsed_s);
    };
  return sim::run_replications<ReplicationMetrics>(
      total,
      [&](std::uint32_t k, std::atomic<std::uint64_t>&) {
        const std::uint32_t r = sc.first_replication + k;
        MetricsSink metrics(sc);
        auto front = wrap(r, metrics);  // owns whatever sits before the metrics
        models::ReplicationHooks hooks{ctl.cancel, &hours};
        models::RunResult res = models::run_replication(sc, r, hooks, front.sink);
        done_with(front, res);
        ReplicationMetrics out = metrics.finish(res);
        done.fetch_add(1);
        return out;
      },
      ro);
}

// What sits before the metrics when a replication writes its tables.
struct Writing {
  std::unique_ptr<TableSink> tables;
  std::unique_ptr<LookupSink> lookup;
  models::RecordSink* sink = nullptr;
};

}  // namespace

std::vector<ReplicationMetrics> run_and_write(const models::Scenario& sc, hid_t group,
                                              const RunControl& ctl) {
  // Each worker streams its replication straight into its own group of the file (Debian's HDF5
  // is built thread-safe: calls are serialised by the library), so no replication's records are
  // ever held whole. Dataset contents do not depend on the thread count; only the order in
  // which objects are laid out in the file does.
  const std::size_t total = static_cast<std::size_t>(sc.replications);
  const unsigned threads = thread_count(ctl, total);
  std::once_flag lookup_once;
  const models::Plan plan = models::build_plan(sc);  // /lookup, /stops, capacity tables
  if (sc.first_replication == 0) {  // a later batch (--precision) adds to what the first wrote
    outputs::h5::create_group(group, "replications");
    outputs::write_windows(group, sc);
    outputs::write_stops(group, plan);
    outputs::write_network(group, sc);
  } else {
    std::call_once(lookup_once, [] {});
  }
  // The tables' chunks are compressed and written off the simulation threads, on the cores they
  // leave (at least one thread).
  std::unique_ptr<ChunkPipeline> pipeline;
  if (ctl.write_tables)
    pipeline = std::make_unique<ChunkPipeline>(
        std::max(1u, std::thread::hardware_concurrency() -
                         std::min(threads, std::thread::hardware_concurrency())));
  if (ctl.fetch) return write_fetched(sc, plan, group, ctl, pipeline.get());
  return replicate(
      sc, ctl, threads,
      [&](std::uint32_t r, MetricsSink& metrics) {
        Writing w;
        if (ctl.write_tables)
          w.tables = std::make_unique<TableSink>(group, sc, plan, r, &metrics, pipeline.get());
        w.lookup = std::make_unique<LookupSink>();
        w.lookup->once = &lookup_once;
        w.lookup->group = group;
        w.lookup->sc = &sc;
        w.lookup->plan = &plan;
        w.lookup->next = w.tables ? static_cast<models::RecordSink*>(w.tables.get()) : &metrics;
        w.sink = w.lookup.get();
        return w;
      },
      [](Writing& w, const models::RunResult& res) {
        if (w.tables) w.tables->finish(res);
      });
}

std::vector<ReplicationMetrics> evaluate(const models::Scenario& sc, const RunControl& ctl) {
  struct Nothing {
    models::RecordSink* sink;
  };
  return replicate(
      sc, ctl, thread_count(ctl, static_cast<std::size_t>(sc.replications)),
      [](std::uint32_t, MetricsSink& metrics) { return Nothing{&metrics}; },
      [](Nothing&, const models::RunResult&) {});
}

}  // namespace app
