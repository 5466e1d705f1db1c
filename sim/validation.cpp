#include "sim/validation.hpp"

#include <cmath>
#include <memory>
#include <optional>

#include "sim/distributions.hpp"
#include "sim/philox.hpp"
#include "sim/resource.hpp"
#include "sim/runner.hpp"
#include "sim/simulation.hpp"
#include "sim/time.hpp"

namespace sim {

double erlang_c(int c, double a) {
  // Erlang B by the stable recursion, then C = B / (1 - rho (1 - B)).
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  double rho = a / c;
  return b / (1.0 - rho * (1.0 - b));
}

double mmck_blocking(int c, int k, double a) {
  std::vector<double> p(static_cast<std::size_t>(k) + 1);
  p[0] = 1.0;
  for (int n = 1; n <= k; ++n) p[n] = p[n - 1] * a / std::min(n, c);
  double total = 0;
  for (double x : p) total += x;
  return p[static_cast<std::size_t>(k)] / total;
}

ErlangA erlang_a(int c, double lambda, double mu, double theta) {
  // The birth-death chain of the number in system: births lambda, deaths min(n, c) mu plus
  // (n - c)+ theta. Truncated where the terms no longer matter (theta > 0 makes them fall).
  std::vector<double> p{1.0};
  for (int n = 1; n < 100000; ++n) {
    const double death = std::min(n, c) * mu + std::max(n - c, 0) * theta;
    p.push_back(p.back() * lambda / death);
    if (n > c && p.back() < 1e-18 * p[static_cast<std::size_t>(c)]) break;
  }
  double total = 0;
  for (double x : p) total += x;
  for (double& x : p) x /= total;
  // A tagged arrival (PASTA) that finds n >= c waits at queue position j = n - c + 1. From
  // position i it moves up at rate c mu + (i - 1) theta and abandons at rate theta: it is served
  // with probability prod_i (c mu + (i-1) theta)/(c mu + i theta), and, given that, waits
  // sum_i 1/(c mu + i theta) on average (the holding times do not depend on the way out).
  double served = 0, wait_served = 0;
  for (std::size_t n = 0; n < p.size(); ++n) {
    if (static_cast<int>(n) < c) {
      served += p[n];
      continue;
    }
    const int j = static_cast<int>(n) - c + 1;
    double ps = 1, w = 0;
    for (int i = 1; i <= j; ++i) {
      ps *= (c * mu + (i - 1) * theta) / (c * mu + i * theta);
      w += 1.0 / (c * mu + i * theta);
    }
    served += p[n] * ps;
    wait_served += p[n] * ps * w;
  }
  ErlangA r;
  r.p_abandon = 1 - served;
  r.wait_served = wait_served / served;
  double queued = 0;
  for (std::size_t n = static_cast<std::size_t>(c); n < p.size(); ++n)
    queued += (static_cast<double>(n) - c) * p[n];
  r.queue_mean = queued;
  return r;
}

namespace {

constexpr std::uint32_t kArrivalStream = stream_id("validation.arrivals");
constexpr std::uint32_t kServiceStream = stream_id("validation.service");
constexpr std::uint32_t kService2Stream = stream_id("validation.service2");
constexpr std::uint32_t kPatienceStream = stream_id("validation.patience");

// ---- a multi-class queue: c servers, Poisson classes, optional system limit, optional tandem --

struct ClassSpec {
  double lambda;
  Distribution service;
  int priority = 0;
};

struct QueueSpec {
  int servers = 1;
  std::vector<ClassSpec> classes;
  int system_limit = 0;      // M/M/c/K: 0 means unlimited
  double patience_mean = 0;  // M/M/c+M: exponential patience in the queue; 0 means none
  // Tandem: a second single-class station with its own servers and service.
  int servers2 = 0;
  Distribution service2;
  double warmup = 0;
  double horizon = 0;
};

struct QueueModel {
  QueueModel(Simulation& s, const QueueSpec& q)
      : sim_(&s),
        spec(q),
        station(s, q.servers, "station"),
        station2(s, q.servers2, "station2"),
        waits(q.classes.size()) {}
  Simulation& sim() { return *sim_; }
  Simulation* sim_;
  const QueueSpec& spec;
  Resource station;
  Resource station2;
  std::uint32_t next_id = 0;
  int in_system = 0;
  std::vector<Tally> waits;  // per class, customers arriving after warm-up
  Tally waited;              // 1 if the customer waited, else 0
  Tally blocked;             // 1 if turned away, else 0
  Tally abandoned;           // 1 if it gave up waiting, else 0
  Tally sojourn;
};

Process customer(Simulation& s, QueueModel& m, std::size_t k, std::uint32_t id) {
  const bool counted = s.now() >= m.spec.warmup;
  if (m.spec.system_limit > 0 && m.in_system >= m.spec.system_limit) {
    if (counted) m.blocked.add(1.0);
    co_return;
  }
  if (counted) m.blocked.add(0.0);
  ++m.in_system;
  const double arrived = s.now();
  {
    std::optional<Guard> server;
    if (m.spec.patience_mean > 0) {
      Uniforms pu = s.random().at(kPatienceStream, id, 0);
      const double patience = -m.spec.patience_mean * std::log(pu.next());
      auto g = co_await m.station.request_until(arrived + patience, m.spec.classes[k].priority);
      server = std::move(g);
      if (counted) m.abandoned.add(server ? 0.0 : 1.0);
      if (!server) {
        --m.in_system;
        co_return;
      }
    } else {
      auto g = co_await m.station.request(m.spec.classes[k].priority);
      server.emplace(std::move(g));
    }
    const double wait = s.now() - arrived;
    if (counted) {
      m.waits[k].add(wait);
      m.waited.add(wait > 0 ? 1.0 : 0.0);
    }
    Uniforms u = s.random().at(kServiceStream, id, 0);
    const double service = m.spec.classes[k].service.sample(u);
    co_await s.timeout(service);
  }
  if (m.spec.servers2 > 0) {
    auto server2 = co_await m.station2.request();
    Uniforms u = s.random().at(kService2Stream, id, 0);
    const double service = m.spec.service2.sample(u);
    co_await s.timeout(service);
  }
  --m.in_system;
  if (counted) m.sojourn.add(s.now() - arrived);
}

Process source(Simulation& s, QueueModel& m, std::size_t k) {
  Stream arrivals(s.random(), kArrivalStream, static_cast<std::uint32_t>(k));
  const double mean_gap = 1.0 / m.spec.classes[k].lambda;
  for (;;) {
    const double gap = -mean_gap * std::log(arrivals.uniform());
    co_await s.timeout(gap);
    if (s.now() >= m.spec.horizon) co_return;
    const std::uint32_t id = m.next_id++;
    s.start(customer(s, m, k, id), "customer", id);
  }
}

// Runs one replication of a queue model and hands it to `measure`.
template <class Measure>
std::vector<double> run_queue(const QueueSpec& q, std::uint64_t seed, std::uint32_t rep,
                              Measure measure) {
  Simulation s(seed, rep);
  QueueModel m(s, q);
  for (std::size_t k = 0; k < q.classes.size(); ++k) s.start(source(s, m, k), "source", k);
  s.set_warmup(q.warmup);
  s.run_until(q.horizon);
  return measure(s, m);
}

ValidationCase mm1() {
  QueueSpec q;
  q.servers = 1;
  q.classes = {{0.8, Distribution::exponential(1.0)}};
  q.warmup = 2'000;
  q.horizon = 202'000;
  return {"mm1",
          "M/M/1, rho = 0.8: Wq = rho/(mu - lambda), Lq = rho^2/(1 - rho)",
          {{"Wq", 0.8 / 0.2}, {"Lq", 0.64 / 0.2}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation& s, QueueModel& m) {
              return std::vector<double>{m.waits[0].mean(), m.station.queue_stats().mean(s.now())};
            });
          }};
}

ValidationCase mmc4() {
  QueueSpec q;
  q.servers = 4;
  q.classes = {{3.6, Distribution::exponential(1.0)}};
  q.warmup = 1'000;
  q.horizon = 51'000;
  const double c = erlang_c(4, 3.6);
  return {"mmc_erlang_c",
          "M/M/4, rho = 0.9 (Erlang C): P(wait) = C(4, 3.6), Wq = C/(c mu - lambda)",
          {{"P(wait)", c}, {"Wq", c / (4.0 - 3.6)}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation&, QueueModel& m) {
              return std::vector<double>{m.waited.mean(), m.waits[0].mean()};
            });
          }};
}

ValidationCase md1() {
  QueueSpec q;
  q.servers = 1;
  q.classes = {{0.7, Distribution::deterministic(1.0)}};
  q.warmup = 1'000;
  q.horizon = 101'000;
  return {"md1",
          "M/D/1, rho = 0.7 (Pollaczek-Khinchine): Wq = rho/(2 mu (1 - rho))",
          {{"Wq", 0.7 / (2 * 0.3)}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation&, QueueModel& m) {
              return std::vector<double>{m.waits[0].mean()};
            });
          }};
}

ValidationCase mg1_lognormal() {
  QueueSpec q;
  q.servers = 1;
  q.classes = {{0.75, Distribution::lognormal(1.0, 1.5)}};
  q.warmup = 2'000;
  q.horizon = 402'000;
  const double es2 = 1.0 + 1.5 * 1.5;
  return {"mg1_lognormal",
          "M/G/1, lognormal service cv = 1.5, rho = 0.75 (Pollaczek-Khinchine): "
          "Wq = lambda E[S^2]/(2(1 - rho))",
          {{"Wq", 0.75 * es2 / (2 * 0.25)}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation&, QueueModel& m) {
              return std::vector<double>{m.waits[0].mean()};
            });
          }};
}

ValidationCase priority_mm1() {
  QueueSpec q;
  q.servers = 1;
  q.classes = {{0.4, Distribution::exponential(1.0), 0}, {0.4, Distribution::exponential(1.0), 1}};
  q.warmup = 2'000;
  q.horizon = 202'000;
  // Cobham: W0 = sum lambda_i E[S_i^2] / 2 = 0.8; Wq_k = W0 / ((1 - s_{k-1})(1 - s_k)).
  const double w0 = 0.8 * 2.0 / 2.0;
  return {"priority_mm1",
          "M/M/1 with two non-preemptive priority classes, rho = 0.4 + 0.4 (Cobham)",
          {{"Wq high", w0 / (1 - 0.4)}, {"Wq low", w0 / ((1 - 0.4) * (1 - 0.8))}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation&, QueueModel& m) {
              return std::vector<double>{m.waits[0].mean(), m.waits[1].mean()};
            });
          }};
}

ValidationCase priority_mmc() {
  QueueSpec q;
  q.servers = 3;
  q.classes = {{1.2, Distribution::exponential(1.0), 0}, {1.2, Distribution::exponential(1.0), 1}};
  q.warmup = 1'000;
  q.horizon = 101'000;
  // M/M/c, equal service rates: Wq_k = C(c, a)/(c mu) / ((1 - s_{k-1})(1 - s_k)), s_k = sum rho_i.
  const double base = erlang_c(3, 2.4) / 3.0;
  return {"priority_mmc",
          "M/M/3 with two non-preemptive priority classes, rho = 0.4 + 0.4 (Cobham for M/M/c)",
          {{"Wq high", base / (1 - 0.4)}, {"Wq low", base / ((1 - 0.4) * (1 - 0.8))}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation&, QueueModel& m) {
              return std::vector<double>{m.waits[0].mean(), m.waits[1].mean()};
            });
          }};
}

ValidationCase tandem() {
  QueueSpec q;
  q.servers = 1;
  q.classes = {{0.7, Distribution::exponential(1.0)}};
  q.servers2 = 1;
  q.service2 = Distribution::exponential(0.8);
  q.warmup = 1'000;
  q.horizon = 101'000;
  return {"tandem_jackson",
          "Two M/M/1 stations in tandem (Jackson): sojourn = sum 1/(mu_i - lambda)",
          {{"sojourn", 1 / (1.0 - 0.7) + 1 / (1.25 - 0.7)}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation&, QueueModel& m) {
              return std::vector<double>{m.sojourn.mean()};
            });
          }};
}

ValidationCase mmck() {
  QueueSpec q;
  q.servers = 2;
  q.system_limit = 6;
  q.classes = {{2.0, Distribution::exponential(1.0)}};
  q.warmup = 500;
  q.horizon = 50'500;
  return {"mmck_blocking",
          "M/M/2/6 with offered load 2: blocking probability p_K",
          {{"P(block)", mmck_blocking(2, 6, 2.0)}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation&, QueueModel& m) {
              return std::vector<double>{m.blocked.mean()};
            });
          }};
}

// ---- a saturated server with opening hours ----------------------------------------------------

struct HoursModel {
  explicit HoursModel(Simulation& s) : sim_(&s), desk(s, 0, "desk") {}
  Simulation& sim() { return *sim_; }
  bool open_at(double t) const {
    double h = std::fmod(t, kDay);
    return h >= 7 * kHour && h < 19 * kHour;
  }
  Simulation* sim_;
  Resource desk;
  double horizon = 0;
  std::uint64_t starts_closed = 0;
  std::uint64_t completions_open = 0;
};

Process opening_hours(Simulation& s, HoursModel& m, int servers) {
  for (double day = 0;; day += kDay) {
    co_await s.until(day + 7 * kHour, Tier::Calendar);
    m.desk.set_capacity(servers);
    co_await s.until(day + 19 * kHour, Tier::Calendar);
    m.desk.set_capacity(0);
  }
}

Process job(Simulation& s, HoursModel& m, std::uint32_t id) {
  auto server = co_await m.desk.request();
  if (!m.open_at(s.now())) ++m.starts_closed;
  Uniforms u = s.random().at(kServiceStream, id, 0);
  const double service = -1200.0 * std::log(u.next());
  co_await s.timeout(service);
  if (s.now() < m.horizon && m.open_at(s.now())) ++m.completions_open;
}

ValidationCase opening_hours_case() {
  // 3 servers, exponential service of mean 20 min, open 07:00-19:00, a backlog larger than 30 days
  // of capacity: always saturated while open. Completions during open hours form a Poisson
  // process of rate c/s, so their count per open hour has mean exactly 9.
  return {"opening_hours",
          "3 servers open 07:00-19:00, saturated, 20 min mean service: no start while closed; "
          "completions per open hour = c / E[S] = 9",
          {{"starts while closed", 0.0}, {"completions per open hour", 9.0}},
          [](std::uint64_t seed, std::uint32_t rep) {
            Simulation s(seed, rep);
            HoursModel m(s);
            m.horizon = 30 * kDay;
            s.start(opening_hours(s, m, 3), "opening_hours");
            for (std::uint32_t i = 0; i < 10'000; ++i) s.start(job(s, m, i), "job", i);
            s.run_until(m.horizon);
            return std::vector<double>{static_cast<double>(m.starts_closed),
                                       static_cast<double>(m.completions_open) / (30 * 12.0)};
          }};
}

}  // namespace

// M/M/c+M (Erlang A): customers who wait longer than an exponential patience give up. Offered
// more than the servers can do (rho = 1.1), the queue is held in check by abandonment alone.
ValidationCase erlang_a_case() {
  QueueSpec q;
  q.servers = 4;
  q.classes = {{4.4, Distribution::exponential(1.0)}};
  q.patience_mean = 2.0;
  q.warmup = 1'000;
  q.horizon = 41'000;
  const ErlangA a = erlang_a(4, 4.4, 1.0, 0.5);
  return {"mmc_erlang_a",
          "M/M/4+M, lambda 4.4, mu 1, mean patience 2 (Erlang A): P(abandon), Wq of served, Lq",
          {{"P(abandon)", a.p_abandon}, {"Wq served", a.wait_served}, {"Lq", a.queue_mean}},
          [q](std::uint64_t seed, std::uint32_t rep) {
            return run_queue(q, seed, rep, [](Simulation& s, QueueModel& m) {
              return std::vector<double>{m.abandoned.mean(), m.waits[0].mean(),
                                         m.station.queue_stats().mean(s.now())};
            });
          }};
}

std::vector<ValidationCase> validation_cases() {
  return {mm1(),          mmc4(),   md1(),  mg1_lognormal(),      priority_mm1(),
          priority_mmc(), tandem(), mmck(), opening_hours_case(), erlang_a_case()};
}

CaseResult run_validation(const ValidationCase& c, const ValidationOptions& opt) {
  RunnerOptions ro;
  ro.threads = opt.threads;
  auto per_rep = run_replications<std::vector<double>>(
      opt.replications,
      [&](std::uint32_t rep, std::atomic<std::uint64_t>&) { return c.replicate(opt.seed, rep); },
      ro);
  CaseResult r{c.name, c.description, {}, true};
  for (std::size_t i = 0; i < c.metrics.size(); ++i) {
    std::vector<double> xs;
    xs.reserve(per_rep.size());
    for (const auto& v : per_rep) xs.push_back(v[i]);
    MetricResult m{c.metrics[i].name, c.metrics[i].theory, mean_ci(xs, opt.level), false};
    m.pass = m.ci.contains(m.theory, opt.widen);
    r.pass = r.pass && m.pass;
    r.metrics.push_back(m);
  }
  return r;
}

}  // namespace sim
