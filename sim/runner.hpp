// Runs R independent replications on a pool of threads.
//
// Replication r always gets RandomSource(seed, r) and its result lands in slot r, whatever thread
// ran it and in whatever order they finished; callers then merge in replication order, so the
// output is bit-identical for any thread count. Threads take the next replication from an atomic
// counter (dynamic load balancing; the order of execution does not matter, only the slot).
//
// A replication reports its event count through the counter it is handed; the progress callback
// runs on the calling thread every `interval` seconds and once at the end. If replications
// throw, the one with the lowest index is rethrown after all threads have stopped.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "sim/simulation.hpp"  // Cancelled

namespace sim {

struct Progress {
  std::size_t done = 0;
  std::size_t total = 0;
  std::uint64_t events = 0;
  double elapsed_s = 0;
  double events_per_second() const {
    return elapsed_s > 0 ? static_cast<double>(events) / elapsed_s : 0;
  }
};

struct RunnerOptions {
  unsigned threads = 1;  // 0: hardware concurrency
  double progress_interval_s = 0.5;
  std::function<void(const Progress&)> progress;
  // Checked between replications and by the progress loop; set from a signal handler to stop.
  // None: the calling thread's stop flag (sim/stop.hpp), which every worker thread watches too.
  const std::atomic<bool>* cancel = nullptr;
};

// fn(replication, events_counter) -> Result
template <class Result, class Fn>
std::vector<Result> run_replications(std::size_t replications, Fn&& fn,
                                     const RunnerOptions& opt = {}) {
  std::vector<Result> results(replications);
  std::vector<std::exception_ptr> errors(replications);
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<std::uint64_t> events{0};
  std::mutex m;
  std::condition_variable cv;
  const std::atomic<bool>* flag = opt.cancel ? opt.cancel : stop_flag();
  auto cancelled = [&] { return flag && flag->load(std::memory_order_relaxed); };

  auto worker = [&] {
    StopScope scope(flag);  // what a replication polls (sim::poll_stop) on this thread
    for (;;) {
      if (cancelled()) break;
      std::size_t r = next.fetch_add(1);
      if (r >= replications) break;
      try {
        results[r] = fn(static_cast<std::uint32_t>(r), events);
      } catch (...) {
        errors[r] = std::current_exception();
      }
      done.fetch_add(1);
      std::lock_guard<std::mutex> lock(m);
      cv.notify_all();
    }
  };

  unsigned n = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
  n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(replications, 1)));
  const auto t0 = std::chrono::steady_clock::now();
  auto report = [&] {
    if (!opt.progress) return;
    Progress p;
    p.done = done.load();
    p.total = replications;
    p.events = events.load();
    p.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    opt.progress(p);
  };

  // With a progress callback the calling thread only reports; otherwise it is one of the workers.
  const bool reports = static_cast<bool>(opt.progress);
  std::vector<std::thread> pool;
  try {
    for (unsigned i = reports ? 0 : 1; i < n; ++i) pool.emplace_back(worker);
  } catch (const std::system_error&) {
    // The system would not give us another thread (a memory or process limit): go on with those
    // started. Results do not depend on the thread count.
  }
  if (reports && !pool.empty()) {
    std::unique_lock<std::mutex> lock(m);
    const auto interval = std::chrono::duration<double>(opt.progress_interval_s);
    while (done.load() < replications && !cancelled()) {
      cv.wait_for(lock, interval);
      lock.unlock();
      report();
      lock.lock();
    }
  } else {
    worker();
  }
  for (auto& t : pool) t.join();
  report();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  if (done.load() < replications) throw Cancelled();
  return results;
}

}  // namespace sim
