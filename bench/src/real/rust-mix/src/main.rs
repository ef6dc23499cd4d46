// rust-mix: a driver written here for real Rust crates as Debian ships them
// (librust-*-dev): serde + serde_json (typed and dynamic JSON), regex,
// miniz_oxide (deflate) and sha2 (SHA-256).
//
// Per round: generate a document of customer records (a fixed LCG), write
// it with serde_json (compact and pretty), parse it back both into typed
// structs (serde derive) and into serde_json::Value, aggregate; run several
// regexes over a generated log text (find_iter, captures, replace_all);
// deflate the JSON at two levels with miniz_oxide and inflate it back; hash
// everything with SHA-256. The checksum covers every result and is the same
// on wasm32-wasi and natively (no HashMap iteration order, no usize-width
// dependent values, floats only through ryu/serde_json's own code).

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec;
use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

const ROUNDS: u32 = 2;
const RECORDS: usize = 2500;
const LOG_LINES: usize = 12000;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
];
const CITIES: &[&str] = &["Oslo", "Lyon", "Porto", "Graz", "Turku", "Brno", "Gent", "Cork"];
const DOMAINS: &[&str] = &["example.com", "mail.org", "post.net", "corp.com"];

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Address {
    street: String,
    city: String,
    zip: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Order {
    sku: u32,
    qty: u16,
    price: f64,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Customer {
    id: u64,
    name: String,
    email: String,
    active: bool,
    score: f64,
    tags: Vec<String>,
    address: Address,
    orders: Vec<Order>,
    note: Option<String>,
}

fn gen_customers(rng: &mut Lcg, n: usize) -> Vec<Customer> {
    (0..n)
        .map(|i| {
            let first = WORDS[rng.below(26) as usize];
            let last = WORDS[rng.below(26) as usize];
            let ntags = rng.below(5) as usize;
            let norders = rng.below(6) as usize;
            Customer {
                id: 100_000 + i as u64 * 7 + rng.below(7) as u64,
                name: format!("{} {}", first, last),
                email: format!("{}.{}{}@{}", first, last, rng.below(100), DOMAINS[rng.below(4) as usize]),
                active: rng.below(3) != 0,
                score: rng.next() as f64 / 4096.0 - 300000.0,
                tags: (0..ntags).map(|_| WORDS[rng.below(26) as usize].to_string()).collect(),
                address: Address {
                    street: format!("{} {} street", rng.below(400) + 1, WORDS[rng.below(26) as usize]),
                    city: CITIES[rng.below(8) as usize].to_string(),
                    zip: format!("{:05}", rng.below(100000)),
                },
                orders: (0..norders)
                    .map(|_| Order {
                        sku: rng.below(1 << 20),
                        qty: (rng.below(40) + 1) as u16,
                        price: (rng.below(1_000_000) as f64) / 100.0,
                    })
                    .collect(),
                note: if rng.below(4) == 0 {
                    Some(format!("call before {}:00 \"{}\"\tre: \\{}", rng.below(24), last, first))
                } else {
                    None
                },
            }
        })
        .collect()
}

struct Sum(u32);
impl Sum {
    fn add(&mut self, v: u32) {
        // a rotate-multiply fold: order-sensitive
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x9E37_79B1);
    }
    fn add64(&mut self, v: u64) {
        self.add(v as u32);
        self.add((v >> 32) as u32);
    }
    fn bytes(&mut self, b: &[u8]) {
        let d = Sha256::digest(b);
        for c in d.chunks(4) {
            self.add(u32::from_be_bytes([c[0], c[1], c[2], c[3]]));
        }
        self.add(b.len() as u32);
    }
}

fn walk_value(v: &Value, s: &mut Sum, depth: u32) {
    match v {
        Value::Null => s.add(1),
        Value::Bool(b) => s.add(2 + *b as u32),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                s.add64(u)
            } else if let Some(f) = n.as_f64() {
                s.add64(f.to_bits())
            }
        }
        Value::String(t) => {
            s.add(t.len() as u32);
            s.add(t.bytes().fold(0u32, |h, c| (h ^ c as u32).wrapping_mul(16777619)));
        }
        Value::Array(a) => {
            s.add(0xA000 + a.len() as u32);
            for e in a {
                walk_value(e, s, depth + 1);
            }
        }
        Value::Object(o) => {
            s.add(0x0B00 + o.len() as u32 + depth);
            for (k, e) in o {
                s.add(k.len() as u32);
                walk_value(e, s, depth + 1);
            }
        }
    }
}

fn json_phase(rng: &mut Lcg, s: &mut Sum) -> Vec<u8> {
    let customers = gen_customers(rng, RECORDS);
    let compact = serde_json::to_string(&customers).unwrap();
    let pretty = serde_json::to_string_pretty(&customers).unwrap();
    s.bytes(compact.as_bytes());
    s.add(pretty.len() as u32);

    // typed parse of both forms; must round-trip exactly
    let back: Vec<Customer> = serde_json::from_str(&compact).unwrap();
    let back2: Vec<Customer> = serde_json::from_str(&pretty).unwrap();
    assert!(back == customers && back2 == customers, "typed round trip differs");

    // aggregate the typed records
    let mut per_city: BTreeMap<&str, (u32, f64)> = BTreeMap::new();
    let mut tag_count: BTreeMap<&str, u32> = BTreeMap::new();
    let mut revenue = 0.0f64;
    for c in &back {
        let e = per_city.entry(c.address.city.as_str()).or_insert((0, 0.0));
        e.0 += 1;
        e.1 += c.score;
        for t in &c.tags {
            *tag_count.entry(t.as_str()).or_insert(0) += 1;
        }
        for o in &c.orders {
            revenue += o.price * o.qty as f64;
        }
    }
    for (city, (n, score)) in &per_city {
        s.add(city.len() as u32);
        s.add(*n);
        s.add64(score.to_bits());
    }
    for (t, n) in &tag_count {
        s.add(t.len() as u32 ^ (*n << 8));
    }
    s.add64(revenue.to_bits());

    // dynamic parse: walk the tree, edit it, write it again, parse that
    let mut v: Value = serde_json::from_str(&pretty).unwrap();
    walk_value(&v, s, 0);
    if let Value::Array(a) = &mut v {
        for c in a.iter_mut() {
            if let Value::Object(o) = c {
                let n = o.get("orders").and_then(|x| x.as_array()).map_or(0, |x| x.len());
                o.insert("n_orders".to_string(), Value::from(n as u64));
                o.remove("note");
            }
        }
    }
    let edited = serde_json::to_vec(&v).unwrap();
    let v2: Value = serde_json::from_slice(&edited).unwrap();
    walk_value(&v2, s, 0);
    s.bytes(&edited);
    compact.into_bytes()
}

fn gen_log(rng: &mut Lcg) -> String {
    let mut out = String::with_capacity(LOG_LINES * 100);
    let levels = ["INFO", "WARN", "ERROR", "DEBUG"];
    for i in 0..LOG_LINES {
        let w1 = WORDS[rng.below(26) as usize];
        let w2 = WORDS[rng.below(26) as usize];
        out.push_str(&format!(
            "2024-{:02}-{:02}T{:02}:{:02}:{:02} {} [{}] user={}.{}@{} ip=10.{}.{}.{} req#{} took {}ms path=/{}/{}/{}\n",
            rng.below(12) + 1,
            rng.below(28) + 1,
            rng.below(24),
            rng.below(60),
            rng.below(60),
            levels[rng.below(4) as usize],
            i,
            w1,
            w2,
            DOMAINS[rng.below(4) as usize],
            rng.below(256),
            rng.below(256),
            rng.below(256),
            rng.next(),
            rng.below(5000),
            w2,
            WORDS[rng.below(26) as usize],
            rng.below(1000)
        ));
    }
    out
}

fn regex_phase(rng: &mut Lcg, s: &mut Sum) -> Vec<u8> {
    let log = gen_log(rng);
    let re_line = Regex::new(
        r"(?m)^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}:\d{2} (ERROR|WARN) \[(\d+)\] user=([a-z]+)\.([a-z]+)@([a-z]+\.(?:com|org|net))",
    )
    .unwrap();
    let re_ip = Regex::new(r"\b10\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b").unwrap();
    let re_slow = Regex::new(r"took ([1-4]\d{3})ms path=/(\w+)/(?:alpha|echo|kilo|zulu)/").unwrap();
    let re_words = Regex::new(r"(?i)\b(?:ho[a-z]+|[qxz][a-z]{3,})\b").unwrap();

    let mut months = [0u32; 13];
    let mut ids = 0u64;
    for c in re_line.captures_iter(&log) {
        let m: usize = c[2].parse().unwrap();
        months[m] += if &c[5] == "ERROR" { 3 } else { 1 };
        ids += c[6].parse::<u64>().unwrap();
        s.add((c[7].len() * 31 + c[8].len() * 7 + c[9].len()) as u32);
    }
    for m in months {
        s.add(m);
    }
    s.add64(ids);

    let mut ipsum = 0u32;
    for c in re_ip.captures_iter(&log) {
        let a: u32 = c[1].parse().unwrap();
        let b: u32 = c[2].parse().unwrap();
        let d: u32 = c[3].parse().unwrap();
        ipsum = ipsum.wrapping_mul(31).wrapping_add(a << 16 | b << 8 | d);
    }
    s.add(ipsum);

    let mut slow = 0u32;
    for c in re_slow.captures_iter(&log) {
        slow = slow.wrapping_add(c[1].parse::<u32>().unwrap() ^ c[2].len() as u32);
    }
    s.add(slow);
    s.add(re_words.find_iter(&log).count() as u32);
    s.add(re_ip.is_match("no address here") as u32);

    // anonymise the log: replace_all with captures and with a closure
    let anon = re_ip.replace_all(&log, "10.$1.x.x");
    let re_user = Regex::new(r"user=([a-z])[a-z]*\.([a-z]+)@").unwrap();
    let anon = re_user.replace_all(&anon, |c: &regex::Captures| format!("user={}***{}@", &c[1], c[2].len()));
    s.bytes(anon.as_bytes());
    log.into_bytes()
}

fn deflate_phase(data: &[u8], s: &mut Sum) {
    for level in [1u8, 6] {
        let z = compress_to_vec(data, level);
        s.add(z.len() as u32);
        s.bytes(&z);
        let back = decompress_to_vec(&z).expect("inflate failed");
        assert!(back == data, "deflate round trip differs");
        s.add(back.len() as u32);
    }
}

fn main() {
    let mut rng = Lcg(0x2545F4914F6CDD1D);
    let mut s = Sum(0x811C_9DC5);
    // SHA-256 of "abc" (FIPS 180-2, B.1)
    let abc = Sha256::digest(b"abc");
    assert!(abc[0] == 0xba && abc[31] == 0xad, "sha256 self-test failed");
    for _ in 0..ROUNDS {
        let json = json_phase(&mut rng, &mut s);
        let log = regex_phase(&mut rng, &mut s);
        deflate_phase(&json, &mut s);
        deflate_phase(&log, &mut s);
    }
    println!("rust-mix checksum {:08x}", s.0);
}
