// Store<T>: a FIFO buffer of items with an optional capacity (wagons waiting for a train, batches
// waiting for a crane). get() waits while empty; put() waits while full. Waiting getters and
// putters are served first come, first served; an item put while a getter waits goes straight
// to it. Container: a continuous level between 0 and a capacity (yard slots, tonnes in a silo).
//
// Statistics: time-weighted level, a tally of get waits; reset by Simulation::set_warmup.
#pragma once

#include <cassert>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "sim/simulation.hpp"
#include "sim/stats.hpp"

namespace sim {

template <class T>
class Store final : public StatsOwner {
 public:
  struct GetWaiter {
    std::coroutine_handle<> handle;
    double since = 0;
    std::optional<T> item;
    GetWaiter* next = nullptr;
  };
  struct PutWaiter {
    std::coroutine_handle<> handle;
    std::optional<T> item;
    PutWaiter* next = nullptr;
  };

  class Get {
   public:
    explicit Get(Store* s) : st_(s) {}
    bool await_ready() {
      if (st_->items_.empty()) return false;
      node_.item.emplace(st_->take_front());
      st_->waits_.add(0.0);
      return true;
    }
    void await_suspend(std::coroutine_handle<> h) {
      node_.handle = h;
      node_.since = st_->sim_->now();
      append(st_->getters_, st_->getters_tail_, &node_);
    }
    T await_resume() { return std::move(*node_.item); }

   private:
    Store* st_;
    GetWaiter node_;
  };

  class Put {
   public:
    Put(Store* s, T item) : st_(s) { node_.item.emplace(std::move(item)); }
    bool await_ready() {
      if (st_->getters_ || st_->items_.size() < st_->capacity_) {
        st_->deliver(std::move(*node_.item));
        return true;
      }
      return false;
    }
    void await_suspend(std::coroutine_handle<> h) {
      node_.handle = h;
      append(st_->putters_, st_->putters_tail_, &node_);
    }
    void await_resume() const noexcept {}

   private:
    Store* st_;
    PutWaiter node_;
  };

  explicit Store(Simulation& s, std::size_t capacity = std::numeric_limits<std::size_t>::max(),
                 std::string name = "store")
      : sim_(&s), name_(std::move(name)), capacity_(capacity), level_(s.now(), 0) {
    if (capacity == 0) throw std::invalid_argument("store capacity must be > 0");
    s.register_stats(this);
  }
  ~Store() { sim_->unregister_stats(this); }
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Get get() { return Get(this); }
  Put put(T item) { return Put(this, std::move(item)); }
  // Puts without waiting; false (and nothing stored) when full.
  bool try_put(T item) {
    if (!getters_ && items_.size() >= capacity_) return false;
    deliver(std::move(item));
    return true;
  }

  std::size_t size() const { return items_.size(); }
  std::size_t capacity() const { return capacity_; }
  const std::string& name() const { return name_; }
  const TimeWeighted& level_stats() const { return level_; }
  const Tally& wait_stats() const { return waits_; }
  void reset_stats(double now) override {
    level_.reset(now);
    waits_.reset();
  }

 private:
  template <class W>
  static void append(W*& head, W*& tail, W* w) {
    w->next = nullptr;
    if (tail)
      tail->next = w;
    else
      head = w;
    tail = w;
  }
  template <class W>
  static W* pop(W*& head, W*& tail) {
    W* w = head;
    head = w->next;
    if (!head) tail = nullptr;
    return w;
  }

  // Hands an item to the first waiting getter, or stores it.
  void deliver(T item) {
    if (getters_) {
      GetWaiter* g = pop(getters_, getters_tail_);
      g->item.emplace(std::move(item));
      waits_.add(sim_->now() - g->since);
      sim_->schedule_resume(sim_->now(), Tier::Normal, g->handle);
      return;
    }
    items_.push_back(std::move(item));
    level_.update(sim_->now(), static_cast<double>(items_.size()));
  }

  // Removes the front item; a waiting putter then moves its item in.
  T take_front() {
    T item = std::move(items_.front());
    items_.pop_front();
    if (putters_) {
      PutWaiter* p = pop(putters_, putters_tail_);
      items_.push_back(std::move(*p->item));
      sim_->schedule_resume(sim_->now(), Tier::Normal, p->handle);
    }
    level_.update(sim_->now(), static_cast<double>(items_.size()));
    return item;
  }

  Simulation* sim_;
  std::string name_;
  std::size_t capacity_;
  std::deque<T> items_;
  GetWaiter* getters_ = nullptr;
  GetWaiter* getters_tail_ = nullptr;
  PutWaiter* putters_ = nullptr;
  PutWaiter* putters_tail_ = nullptr;
  TimeWeighted level_;
  Tally waits_;
};

class Container final : public StatsOwner {
 public:
  struct Waiter {
    std::coroutine_handle<> handle;
    double amount;
    double since;
    Waiter* next = nullptr;
  };

  class Op {
   public:
    Op(Container* c, double amount, bool is_get) : c_(c), is_get_(is_get) { node_.amount = amount; }
    bool await_ready() { return c_->try_now(node_.amount, is_get_); }
    void await_suspend(std::coroutine_handle<> h) {
      node_.handle = h;
      node_.since = c_->sim_->now();
      c_->wait(&node_, is_get_);
    }
    void await_resume() const noexcept {}

   private:
    Container* c_;
    bool is_get_;
    Waiter node_;
  };

  Container(Simulation& s, double capacity, double initial = 0, std::string name = "container");
  ~Container();
  Container(const Container&) = delete;
  Container& operator=(const Container&) = delete;

  // Waits until `amount` is available (FIFO: a large request blocks later small ones).
  Op get(double amount) { return Op(this, amount, true); }
  // Waits until `amount` fits.
  Op put(double amount) { return Op(this, amount, false); }

  double level() const { return level_; }
  double capacity() const { return capacity_; }
  std::size_t getters_waiting() const { return n_get_; }
  std::size_t putters_waiting() const { return n_put_; }
  const std::string& name() const { return name_; }
  const TimeWeighted& level_stats() const { return level_tw_; }
  const Tally& get_wait_stats() const { return get_waits_; }
  const Tally& put_wait_stats() const { return put_waits_; }
  void reset_stats(double now) override;

 private:
  bool try_now(double amount, bool is_get);
  void wait(Waiter* w, bool is_get);
  void settle();

  Simulation* sim_;
  std::string name_;
  double capacity_;
  double level_;
  Waiter *get_head_ = nullptr, *get_tail_ = nullptr;
  Waiter *put_head_ = nullptr, *put_tail_ = nullptr;
  std::size_t n_get_ = 0, n_put_ = 0;
  TimeWeighted level_tw_;
  Tally get_waits_, put_waits_;
};

}  // namespace sim
