#include "outputs/replication_record.hpp"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace outputs {

namespace {

bool wanted(models::TableScope s, std::uint32_t r) {
  return s == models::TableScope::All || (s == models::TableScope::First && r == 0);
}

// Keeps what the replication's TableSink would write, and forwards everything to `next`.
class RecordingSink : public models::RecordSink {
 public:
  RecordingSink(const models::Scenario& sc, ReplicationRecord& rec, models::RecordSink& next)
      : rec_(rec),
        next_(next),
        vehicles_(wanted(sc.outputs.vehicles, rec.replication)),
        visits_(wanted(sc.outputs.visits, rec.replication)),
        series_(sc.outputs.timeseries_step_s > 0) {}
  void begin(const std::vector<std::string>& stops,
             const std::vector<std::string>& columns) override {
    rec_.stop_names = stops;
    rec_.sampled_sites = columns;
    next_.begin(stops, columns);
  }
  void vehicle(const models::VehicleRecord& v) override {
    if (vehicles_) rec_.vehicles.push_back(v);
    next_.vehicle(v);
  }
  void visit(const models::StopVisit& v) override {
    if (visits_) rec_.visits.push_back(v);
    next_.visit(v);
  }
  void train(const models::TrainRecord& t) override {
    if (vehicles_) rec_.trains.push_back(t);
    next_.train(t);
  }
  void sample(const double* row, std::size_t n) override {
    if (series_) append(rec_.samples, rec_.sample_width, row, n);
    next_.sample(row, n);
  }
  void backlog(const double* row, std::size_t n) override {
    append(rec_.backlog, rec_.backlog_width, row, n);
    next_.backlog(row, n);
  }
  void routes(const double* row, std::size_t n) override {
    append(rec_.routes, rec_.routes_width, row, n);
    next_.routes(row, n);
  }

 private:
  static void append(std::vector<double>& to, std::size_t& width, const double* row,
                     std::size_t n) {
    width = n;
    to.insert(to.end(), row, row + n);
  }
  ReplicationRecord& rec_;
  models::RecordSink& next_;
  bool vehicles_, visits_, series_;
};

// ---- bytes ----------------------------------------------------------------------------------
// One list of fields (`fields` below) serves both directions: a Writer appends each field's
// bytes, a Reader fills each field from them, so the two can never disagree on the layout.

// A metric's key and value, for both directions.
template <class Archive, class Key, class Value>
void metric_fields(Archive& a, Key& key, Value& value) {
  a(key.metric);
  a(key.group);
  a(key.label);
  a(key.unit);
  a(key.at);
  a(value);
}

class Writer {
 public:
  template <class T>
  void operator()(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      (*this)(static_cast<std::uint64_t>(v.size()));
      out.insert(out.end(), v.begin(), v.end());
    } else {
      static_assert(std::is_trivially_copyable_v<T>);
      const auto* p = reinterpret_cast<const char*>(&v);
      out.insert(out.end(), p, p + sizeof v);
    }
  }
  template <class T>
  void operator()(const std::vector<T>& v) {
    (*this)(static_cast<std::uint64_t>(v.size()));
    if constexpr (std::is_trivially_copyable_v<T>) {
      const auto* p = reinterpret_cast<const char*>(v.data());
      out.insert(out.end(), p, p + v.size() * sizeof(T));
    } else {
      for (const T& x : v) (*this)(x);
    }
  }
  void operator()(const ReplicationMetrics& m) {
    (*this)(static_cast<std::uint64_t>(m.size()));
    for (const auto& [key, value] : m) metric_fields(*this, key, value);
  }
  std::vector<char> out;
};

class Reader {
 public:
  Reader(const char* p, std::size_t n) : p_(p), end_(p + n) {}
  template <class T>
  void operator()(T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      v.assign(count(1), '\0');
      take(v.data(), v.size());
    } else {
      static_assert(std::is_trivially_copyable_v<T>);
      take(&v, sizeof v);
    }
  }
  template <class T>
  void operator()(std::vector<T>& v) {
    if constexpr (std::is_trivially_copyable_v<T>) {
      v.resize(count(sizeof(T)));
      take(v.data(), v.size() * sizeof(T));
    } else {
      v.resize(count(1));
      for (T& x : v) (*this)(x);
    }
  }
  void operator()(ReplicationMetrics& m) {
    const std::size_t n = count(1);
    for (std::size_t i = 0; i < n; ++i) {
      MetricKey key;
      double value;
      metric_fields(*this, key, value);
      m.emplace_hint(m.end(), std::move(key), value);
    }
  }
  bool done() const { return p_ == end_; }

 private:
  std::size_t count(std::size_t each) {
    std::uint64_t n;
    take(&n, sizeof n);
    if (n > static_cast<std::uint64_t>(end_ - p_) / each)
      throw std::runtime_error("a replication record is damaged (a count beyond its end)");
    return static_cast<std::size_t>(n);
  }
  void take(void* to, std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n)
      throw std::runtime_error("a replication record is damaged (it ends early)");
    if (n > 0) std::memcpy(to, p_, n);
    p_ += n;
  }
  const char* p_;
  const char* end_;
};

constexpr std::uint32_t kMagic = 0x42525231;  // "BRR1"

// Every field that travels, in order; `Rec` is ReplicationRecord or const ReplicationRecord.
template <class Archive, class Rec>
void fields(Archive& a, Rec& rec) {
  a(rec.replication);
  a(rec.error);
  a(rec.stop_names);
  a(rec.sampled_sites);
  a(rec.vehicles);
  a(rec.visits);
  a(rec.trains);
  a(rec.samples);
  a(rec.backlog);
  a(rec.routes);
  a(rec.sample_width);
  a(rec.backlog_width);
  a(rec.routes_width);
  auto& r = rec.result;
  a(r.backlog_columns);
  a(r.route_columns);
  a(r.arrived);
  a(r.released);
  a(r.rejected);
  a(r.turned_away);
  a(r.in_system);
  a(r.events);
  a(r.horizon_s);
  a(r.warmup_s);
  a(rec.metrics);
}

}  // namespace

ReplicationRecord run_recorded(const models::Scenario& sc, std::uint32_t r,
                               const models::ReplicationHooks& hooks) {
  ReplicationRecord rec;
  rec.replication = r;
  MetricsSink metrics(sc);
  RecordingSink recording(sc, rec, metrics);
  const models::RunResult res = models::run_replication(sc, r, hooks, &recording);
  rec.metrics = metrics.finish(res);
  rec.result.backlog_columns = res.backlog_columns;
  rec.result.route_columns = res.route_columns;
  rec.result.arrived = res.arrived;
  rec.result.released = res.released;
  rec.result.rejected = res.rejected;
  rec.result.turned_away = res.turned_away;
  rec.result.in_system = res.in_system;
  rec.result.events = res.events;
  rec.result.horizon_s = res.horizon_s;
  rec.result.warmup_s = res.warmup_s;
  return rec;
}

void replay(const ReplicationRecord& rec, models::RecordSink& sink) {
  sink.begin(rec.stop_names, rec.sampled_sites);
  for (const models::VehicleRecord& v : rec.vehicles) sink.vehicle(v);
  for (const models::StopVisit& v : rec.visits) sink.visit(v);
  for (const models::TrainRecord& t : rec.trains) sink.train(t);
  auto rows = [](const std::vector<double>& data, std::size_t width, auto&& give) {
    for (std::size_t i = 0; width > 0 && i + width <= data.size(); i += width)
      give(data.data() + i, width);
  };
  rows(rec.samples, rec.sample_width, [&](const double* p, std::size_t n) { sink.sample(p, n); });
  rows(rec.backlog, rec.backlog_width, [&](const double* p, std::size_t n) { sink.backlog(p, n); });
  rows(rec.routes, rec.routes_width, [&](const double* p, std::size_t n) { sink.routes(p, n); });
}

std::vector<char> serialize(const ReplicationRecord& rec) {
  Writer w;
  w(kMagic);
  fields(w, rec);
  return std::move(w.out);
}

ReplicationRecord deserialize(const char* data, std::size_t size) {
  Reader in(data, size);
  std::uint32_t magic = 0;
  in(magic);
  if (magic != kMagic) throw std::runtime_error("not a replication record of this build");
  ReplicationRecord rec;
  fields(in, rec);
  if (!in.done()) throw std::runtime_error("a replication record is damaged (bytes left over)");
  return rec;
}

}  // namespace outputs
