#include "app/mpi_runner.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "app/distribution.hpp"
#include "outputs/replication_record.hpp"
#include "sim/simulation.hpp"
#include "sim/stop.hpp"

#ifdef BORDERSIM_HAVE_MPI
// The C API only: the deprecated C++ bindings would need their own library.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace app::mpi {

namespace {

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

#ifdef BORDERSIM_HAVE_MPI

int g_rank = 0, g_size = 1;

// Tags of the protocol (rank 0 is the dispatcher):
//   worker -> 0  kRequest      (empty)          a thread of the worker is free
//   0 -> worker  kTask         int64            the task to run, or -1: none left
//   worker -> 0  kResult       int64[2]         task, bytes; then the bytes as kResultData
//   worker -> 0  kDone         (empty)          told "none" for every request, nothing running
constexpr int kRequest = 1, kTask = 2, kResult = 3, kResultData = 4, kDone = 5;
constexpr std::size_t kChunk = std::size_t{1} << 30;  // MPI counts are ints

// The (scenario, replication) tasks, scenario-major: the order rank 0 writes them in.
struct Tasks {
  explicit Tasks(const std::vector<const models::Scenario*>& s) : scs(s) {
    for (const models::Scenario* sc : scs) {
      first.push_back(total);
      total += static_cast<std::size_t>(sc->replications);
    }
  }
  std::size_t index(std::size_t s, std::uint32_t r) const { return first[s] + r; }
  outputs::ReplicationRecord run(std::size_t k, const std::atomic<bool>* cancel) const {
    std::size_t s = 0;
    while (s + 1 < first.size() && first[s + 1] <= k) ++s;
    const auto r = static_cast<std::uint32_t>(k - first[s]);
    try {
      return outputs::run_recorded(*scs[s], scs[s]->first_replication + r,
                                   models::ReplicationHooks{cancel, nullptr});
    } catch (const std::exception& e) {
      outputs::ReplicationRecord rec;
      rec.replication = scs[s]->first_replication + r;
      rec.error = e.what();
      return rec;
    }
  }
  std::vector<const models::Scenario*> scs;
  std::vector<std::size_t> first;
  std::size_t total = 0;
};

unsigned thread_count(unsigned threads) {
  return threads ? threads : std::max(1u, std::thread::hardware_concurrency());
}

void send_bytes(const std::vector<char>& bytes, std::int64_t task) {
  const std::int64_t head[2] = {task, static_cast<std::int64_t>(bytes.size())};
  MPI_Send(head, 2, MPI_INT64_T, 0, kResult, MPI_COMM_WORLD);
  for (std::size_t at = 0; at < bytes.size(); at += kChunk)
    MPI_Send(bytes.data() + at, static_cast<int>(std::min(kChunk, bytes.size() - at)), MPI_BYTE, 0,
             kResultData, MPI_COMM_WORLD);
}

// ---- rank 0 ---------------------------------------------------------------------------------

class Farm : public Distribution {
 public:
  Farm(const std::vector<const models::Scenario*>& scs, unsigned threads,
       const std::atomic<bool>* cancel)
      : tasks_(scs),
        cancel_(cancel),
        window_(
            std::max<std::size_t>(8, 4 * static_cast<std::size_t>(g_size) * thread_count(threads))),
        trace_(std::getenv("BORDERSIM_MPI_TRACE") != nullptr) {
    for (unsigned i = 0; i < thread_count(threads); ++i) locals_.emplace_back([this] { local(); });
    dispatcher_ = std::thread([this] { dispatch(); });
  }
  ~Farm() override {
    {
      std::lock_guard<std::mutex> lock(m_);
      abort_ = consumed_ < tasks_.total;  // else the workers are told "none" and say done
    }
    cv_.notify_all();
    for (std::thread& t : locals_) t.join();
    dispatcher_.join();
  }
  bool worker() const override { return false; }
  void serve() override {}
  outputs::ReplicationRecord take(std::size_t s, std::uint32_t r) override {
    const std::size_t k = tasks_.index(s, r);
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      if (cancel_ && cancel_->load()) throw sim::Cancelled();
      const auto it = results_.find(k);
      if (it != results_.end()) {
        outputs::ReplicationRecord rec = std::move(it->second);
        if (trace_)
          std::fprintf(stderr, "bordersim: mpi: scenario %zu replication %u from rank %d\n", s, r,
                       from_[k]);
        results_.erase(it);
        consumed_ = k + 1;
        cv_.notify_all();  // the window moves on
        return rec;
      }
      cv_.wait_for(lock, std::chrono::milliseconds(100));
    }
  }

 private:
  // The next task for anyone, or -1 when none is left; waits while the window is full (unless
  // `wait` is false: then returns -2).
  std::int64_t next(std::unique_lock<std::mutex>& lock, bool wait) {
    for (;;) {
      if (abort_ || next_ >= tasks_.total) return -1;
      if (next_ < consumed_ + window_) return static_cast<std::int64_t>(next_++);
      if (!wait) return -2;
      cv_.wait(lock);
    }
  }
  void local() {
    sim::StopScope scope(cancel_);  // what the replication's own checks watch
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      const std::int64_t k = next(lock, true);
      if (k < 0) return;
      lock.unlock();
      outputs::ReplicationRecord rec = tasks_.run(static_cast<std::size_t>(k), cancel_);
      lock.lock();
      results_[static_cast<std::size_t>(k)] = std::move(rec);
      from_[static_cast<std::size_t>(k)] = 0;
      cv_.notify_all();
    }
  }
  void answer(std::deque<int>& pending) {
    std::unique_lock<std::mutex> lock(m_);
    while (!pending.empty()) {
      const std::int64_t k = next(lock, false);
      if (k == -2) return;  // the window is full: they wait
      MPI_Send(&k, 1, MPI_INT64_T, pending.front(), kTask, MPI_COMM_WORLD);
      pending.pop_front();
    }
  }
  void receive_result(int from) {
    std::int64_t head[2];
    MPI_Recv(head, 2, MPI_INT64_T, from, kResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::vector<char> bytes(static_cast<std::size_t>(head[1]));
    for (std::size_t at = 0; at < bytes.size(); at += kChunk)
      MPI_Recv(bytes.data() + at, static_cast<int>(std::min(kChunk, bytes.size() - at)), MPI_BYTE,
               from, kResultData, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    outputs::ReplicationRecord rec;
    try {
      rec = outputs::deserialize(bytes.data(), bytes.size());
    } catch (const std::exception& e) {
      rec.error = std::string("rank ") + std::to_string(from) + ": " + e.what();
    }
    std::lock_guard<std::mutex> lock(m_);
    results_[static_cast<std::size_t>(head[0])] = std::move(rec);
    from_[static_cast<std::size_t>(head[0])] = from;
    cv_.notify_all();
  }
  void dispatch() {
    std::deque<int> pending;  // ranks whose requests wait for the window
    int done = 0;
    while (done < g_size - 1) {
      {
        std::lock_guard<std::mutex> lock(m_);
        if (abort_) return;  // rank 0 failed: the job is aborted after its clean-up
      }
      int flag = 0;
      MPI_Status st;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
      if (!flag) {
        answer(pending);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        continue;
      }
      if (st.MPI_TAG == kRequest) {
        MPI_Recv(nullptr, 0, MPI_BYTE, st.MPI_SOURCE, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        pending.push_back(st.MPI_SOURCE);
        answer(pending);
      } else if (st.MPI_TAG == kResult) {
        receive_result(st.MPI_SOURCE);
      } else if (st.MPI_TAG == kDone) {
        MPI_Recv(nullptr, 0, MPI_BYTE, st.MPI_SOURCE, kDone, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        ++done;
      }
    }
  }

  Tasks tasks_;
  const std::atomic<bool>* cancel_;
  std::size_t window_;
  std::mutex m_;
  std::condition_variable cv_;
  std::size_t next_ = 0, consumed_ = 0;
  std::map<std::size_t, outputs::ReplicationRecord> results_;
  std::map<std::size_t, int> from_;  // which rank ran a task (BORDERSIM_MPI_TRACE)
  bool abort_ = false;
  bool trace_;
  std::vector<std::thread> locals_;
  std::thread dispatcher_;
};

// ---- ranks 1 ... N-1 ------------------------------------------------------------------------

class Worker : public Distribution {
 public:
  Worker(const std::vector<const models::Scenario*>& scs, unsigned threads,
         const std::atomic<bool>* cancel)
      : tasks_(scs), cancel_(cancel), threads_(thread_count(threads)) {}
  bool worker() const override { return true; }
  outputs::ReplicationRecord take(std::size_t, std::uint32_t) override { return {}; }

  // Only this thread talks MPI; the pool computes.
  void serve() override {
    std::vector<std::thread> pool;
    for (unsigned i = 0; i < threads_; ++i) pool.emplace_back([this] { compute(); });
    std::size_t requested = 0, inflight = 0;
    bool none = false, stopped = false;
    for (;;) {
      // Ctrl-C, SIGTERM (mpirun passes them on, or kills the job after rank 0 aborts it): this
      // rank wrote nothing, so it stops at once rather than waiting to be killed.
      if (cancel_ && cancel_->load()) {
        stopped = true;
        break;
      }
      for (; !none && requested + inflight < threads_; ++requested)
        MPI_Send(nullptr, 0, MPI_BYTE, 0, kRequest, MPI_COMM_WORLD);
      bool busy = false;
      for (;;) {  // finished results to rank 0
        std::unique_lock<std::mutex> lock(m_);
        if (done_.empty()) break;
        auto [k, bytes] = std::move(done_.front());
        done_.pop_front();
        lock.unlock();
        send_bytes(bytes, k);
        --inflight;
        busy = true;
      }
      int flag = 0;
      MPI_Iprobe(0, kTask, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
      if (flag) {
        std::int64_t k;
        MPI_Recv(&k, 1, MPI_INT64_T, 0, kTask, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        --requested;
        busy = true;
        if (k < 0) {
          none = true;
        } else {
          std::lock_guard<std::mutex> lock(m_);
          todo_.push_back(k);
          ++inflight;
          cv_.notify_one();
        }
      }
      if (none && requested == 0 && inflight == 0) break;
      if (!busy) {
        std::unique_lock<std::mutex> lock(m_);
        done_cv_.wait_for(lock, std::chrono::microseconds(500), [&] { return !done_.empty(); });
      }
    }
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
      if (stopped) todo_.clear();  // the running replications stop at their next check
    }
    cv_.notify_all();
    for (std::thread& t : pool) t.join();
    if (stopped) throw sim::Cancelled();
    MPI_Send(nullptr, 0, MPI_BYTE, 0, kDone, MPI_COMM_WORLD);
  }

 private:
  void compute() {
    sim::StopScope scope(cancel_);
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || !todo_.empty(); });
      if (todo_.empty()) return;
      const std::int64_t k = todo_.front();
      todo_.pop_front();
      lock.unlock();
      std::vector<char> bytes =
          outputs::serialize(tasks_.run(static_cast<std::size_t>(k), cancel_));
      lock.lock();
      done_.emplace_back(k, std::move(bytes));
      done_cv_.notify_one();
    }
  }

  Tasks tasks_;
  const std::atomic<bool>* cancel_;
  unsigned threads_;
  std::mutex m_;
  std::condition_variable cv_, done_cv_;
  std::deque<std::int64_t> todo_;
  std::deque<std::pair<std::int64_t, std::vector<char>>> done_;
  bool stop_ = false;
};

void agree_values(std::vector<std::uint64_t>& values) {
  std::uint64_t n = values.size();
  MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  values.resize(static_cast<std::size_t>(n));
  if (n > 0) MPI_Bcast(values.data(), static_cast<int>(n), MPI_UINT64_T, 0, MPI_COMM_WORLD);
}

std::unique_ptr<Distribution> make_distribution(const std::vector<const models::Scenario*>& scs,
                                                unsigned threads, const std::atomic<bool>* cancel) {
  if (g_rank == 0) return std::make_unique<Farm>(scs, threads, cancel);
  return std::make_unique<Worker>(scs, threads, cancel);
}

#endif  // BORDERSIM_HAVE_MPI

}  // namespace

Session::Session(int& argc, char**& argv) {
  if (!launched_by_mpi()) return;
#ifdef BORDERSIM_HAVE_MPI
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
  active_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (provided < MPI_THREAD_SERIALIZED) {
    if (rank_ == 0)
      std::fprintf(stderr,
                   "bordersim: error: this MPI library does not support threads "
                   "(MPI_THREAD_SERIALIZED)\n");
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  g_rank = rank_;
  g_size = size_;
  if (size_ > 1) set_distribution(&make_distribution, rank_ != 0, &agree_values);
  // One terminal output: rank 0's. (A worker's failure inside a replication reaches rank 0 and
  // is reported there.)
  if (rank_ != 0 && !std::freopen("/dev/null", "w", stdout)) std::fclose(stdout);
#else
  (void)argc;
  (void)argv;
  const char* n = std::getenv("OMPI_COMM_WORLD_SIZE");
  const char* r = std::getenv("OMPI_COMM_WORLD_RANK");
  if (n && std::atoi(n) > 1 && (!r || std::atoi(r) == 0))
    std::fprintf(stderr,
                 "bordersim: warning: built without MPI (-DBORDERSIM_MPI=ON): each of the %s "
                 "processes runs the whole command\n",
                 n);
#endif
}

Session::~Session() {
  finish(0);
}

int Session::finish(int rc, bool answered) {
  if (!active_ || finished_) return rc;
  finished_ = true;
#ifdef BORDERSIM_HAVE_MPI
  // Rank 0 failed (its clean-up is done: the partial file is gone): the workers would wait for
  // work forever.
  if (rc != 0 && !answered && rank_ == 0 && size_ > 1) MPI_Abort(MPI_COMM_WORLD, rc);
  MPI_Finalize();
#endif
  return rc;
}

}  // namespace app::mpi
