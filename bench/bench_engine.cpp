// Engine benchmarks. Report ratios within one run: the machines are noisy, the ratios are not.
//
// WL-MMC4: 4 servers, one FIFO queue, Poisson arrivals at rate 3.6, exponential service at rate
// 1.0 per server; 1,000,000 arrivals into an empty system, run until empty. Items = customers.
//   BM_MMc4/coroutine  the engine with coroutine processes (what models are written in)
//   BM_MMc4/baseline   a hand-written loop: switch on event type over std::priority_queue, two
//                      events per customer. Same random numbers, same result (checked).
// WL-HOLD(N): N pending events at Exp(1) times; warm up with max(3N, 10^6) holds, then time
// 2*10^7 holds (10^7 at N = 10^6). A hold pops the minimum t and pushes t + Exp(1) from a
// pre-drawn table. The checksum of popped times must agree across structures. Items = holds.
//   BM_Hold/N          the engine's default event set (AdaptiveEventSet)
//   BM_HoldCalendar/N  the calendar queue (bench/event_sets.hpp: not used by the engine)
//   BM_HoldLadder/N    the ladder queue alone (the default's large mode)
//   BM_HoldRadix/N     the radix heap (bench/event_sets.hpp: not used by the engine)
//   BM_HoldHeap4/N     the 4-ary heap alone (the default's small mode)
//   BM_HoldBaseline/N  std::priority_queue with the same 24-byte entries and FIFO tie-break
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <queue>
#include <vector>

#include "bench/event_sets.hpp"
#include "sim/event_set.hpp"
#include "sim/philox.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"

namespace {

// Debian's Google Benchmark 1.7.1 DoNotOptimize(double&) uses a "+r,m" asm constraint that g++ 12
// miscompiles at -O2/-O3 (the double came back as garbage here). Results are consumed through
// counters and comparisons instead, which the optimiser cannot drop.

constexpr std::uint64_t kSeed = 20261123;
constexpr std::uint32_t kArrivals = sim::stream_id("bench.arrivals");
constexpr std::uint32_t kService = sim::stream_id("bench.service");
constexpr double kLambda = 3.6;
constexpr int kServers = 4;
constexpr std::uint32_t kCustomers = 1'000'000;

// ---- WL-MMC4 on the engine ----------------------------------------------------------------

struct MMc {
  explicit MMc(sim::Simulation& s) : sim_(&s), servers(s, kServers, "servers") {}
  sim::Simulation& sim() { return *sim_; }
  sim::Simulation* sim_;
  sim::Resource servers;
};

sim::Process customer(sim::Simulation& s, MMc& m, std::uint32_t id) {
  auto server = co_await m.servers.request();
  const double service = -std::log(s.random().uniform(kService, id, 0));
  co_await s.timeout(service);
}

sim::Process source(sim::Simulation& s, MMc& m) {
  sim::Stream arrivals(s.random(), kArrivals, 0);
  for (std::uint32_t id = 0; id < kCustomers; ++id) {
    const double gap = -std::log(arrivals.uniform()) / kLambda;
    co_await s.timeout(gap);
    s.start(customer(s, m, id), "customer", id);
  }
}

double run_coroutine_mmc() {
  sim::Simulation s(kSeed, 0);
  MMc m(s);
  s.start(source(s, m), "source");
  s.run();
  return m.servers.wait_stats().sum();
}

// ---- WL-MMC4 as a hand-written loop ----------------------------------------------------------

double run_baseline_mmc() {
  enum Type : std::uint8_t { Arrival, Departure };
  struct Ev {
    double t;
    std::uint64_t seq;
    std::uint32_t id;
    Type type;
  };
  struct Later {
    bool operator()(const Ev& a, const Ev& b) const {
      return a.t > b.t || (a.t == b.t && a.seq > b.seq);
    }
  };
  sim::RandomSource rng(kSeed, 0);
  sim::Stream arrivals(rng, kArrivals, 0);
  std::priority_queue<Ev, std::vector<Ev>, Later> events;
  std::deque<std::pair<std::uint32_t, double>> queue;  // id, time joined
  std::uint64_t seq = 0;
  int busy = 0;
  double wait_sum = 0;
  std::uint32_t next_id = 0;
  events.push(Ev{-std::log(arrivals.uniform()) / kLambda, seq++, next_id++, Arrival});
  while (!events.empty()) {
    const Ev e = events.top();
    events.pop();
    switch (e.type) {
      case Arrival:
        if (next_id < kCustomers)
          events.push(Ev{e.t - std::log(arrivals.uniform()) / kLambda, seq++, next_id++, Arrival});
        if (busy < kServers) {
          ++busy;
          events.push(Ev{e.t - std::log(rng.uniform(kService, e.id, 0)), seq++, e.id, Departure});
        } else {
          queue.emplace_back(e.id, e.t);
        }
        break;
      case Departure:
        if (!queue.empty()) {
          auto [id, joined] = queue.front();
          queue.pop_front();
          wait_sum += e.t - joined;
          events.push(Ev{e.t - std::log(rng.uniform(kService, id, 0)), seq++, id, Departure});
        } else {
          --busy;
        }
        break;
    }
  }
  return wait_sum;
}

void BM_MMc4_coroutine(benchmark::State& state) {
  double check = 0;
  for (auto _ : state) check = run_coroutine_mmc();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kCustomers);
  state.counters["wait_sum"] = check;
}

void BM_MMc4_baseline(benchmark::State& state) {
  double check = 0;
  for (auto _ : state) check = run_baseline_mmc();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kCustomers);
  state.counters["wait_sum"] = check;
  const double engine = run_coroutine_mmc();
  if (check != engine) {
    std::fprintf(stderr, "baseline %.17g engine %.17g\n", check, engine);
    state.SkipWithError("baseline and engine disagree");
  }
}

// ---- WL-HOLD ---------------------------------------------------------------------------------

const std::vector<double>& increments() {
  static const std::vector<double> table = [] {
    std::vector<double> t(1 << 20);
    sim::RandomSource rng(kSeed, 0);
    for (std::uint32_t i = 0; i < t.size(); ++i) t[i] = -std::log(rng.uniform(1, 0, i));
    return t;
  }();
  return table;
}

struct StdHeap {
  struct Later {
    bool operator()(const sim::EventEntry& a, const sim::EventEntry& b) const {
      return sim::before(b, a);
    }
  };
  std::priority_queue<sim::EventEntry, std::vector<sim::EventEntry>, Later> q;
  void push(const sim::EventEntry& e) { q.push(e); }
  sim::EventEntry pop() {
    sim::EventEntry e = q.top();
    q.pop();
    return e;
  }
};

template <class Set>
void hold(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const std::size_t warm = std::max<std::size_t>(3 * n, 1'000'000);
  const std::size_t holds = n >= 1'000'000 ? 10'000'000 : 20'000'000;
  const auto& table = increments();
  const std::size_t mask = table.size() - 1;
  double checksum = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Set set;
    std::uint64_t seq = 0;
    std::size_t k = 0;
    auto push = [&](double t) {
      set.push(sim::EventEntry{t, sim::EventEntry::make_order(sim::Tier::Normal, seq), seq});
      ++seq;
    };
    for (std::size_t i = 0; i < n; ++i) push(table[k++ & mask]);
    for (std::size_t i = 0; i < warm; ++i) {
      sim::EventEntry e = set.pop();
      push(e.t + table[k++ & mask]);
    }
    state.ResumeTiming();
    checksum = 0;
    for (std::size_t i = 0; i < holds; ++i) {
      sim::EventEntry e = set.pop();
      checksum += e.t;
      push(e.t + table[k++ & mask]);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * holds));
  state.counters["checksum"] = checksum;
}

}  // namespace

BENCHMARK(BM_MMc4_coroutine)
    ->Name("BM_MMc4/coroutine")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_MMc4_baseline)->Name("BM_MMc4/baseline")->Unit(benchmark::kMillisecond)->Iterations(3);
// Pending-event counts of the hold model: 10^2, 10^4, 10^6 (and 10^5 for the single structures).
void hold_sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : {100, 10'000, 1'000'000}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->Iterations(1);
}
void hold_sizes_fine(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : {100, 10'000, 100'000, 1'000'000}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->Iterations(1);
}
BENCHMARK_TEMPLATE(hold, sim::DefaultEventSet)->Name("BM_Hold")->Apply(hold_sizes);
BENCHMARK_TEMPLATE(hold, sim::LadderQueue)->Name("BM_HoldLadder")->Apply(hold_sizes_fine);
BENCHMARK_TEMPLATE(hold, bench::CalendarQueue)->Name("BM_HoldCalendar")->Apply(hold_sizes_fine);
BENCHMARK_TEMPLATE(hold, bench::RadixHeap)->Name("BM_HoldRadix")->Apply(hold_sizes_fine);
BENCHMARK_TEMPLATE(hold, sim::QuaternaryHeap)->Name("BM_HoldHeap4")->Apply(hold_sizes);
BENCHMARK_TEMPLATE(hold, StdHeap)->Name("BM_HoldBaseline")->Apply(hold_sizes);

BENCHMARK_MAIN();
