// go-mix: a driver written here for Go's standard library, built with the
// Go toolchain that Debian ships (GOOS=wasip1 GOARCH=wasm, and natively).
//
// Per round: generate customer records (a fixed LCG); encoding/json writes
// them (compact and indented) and reads them back into typed structs and
// into interface{} trees; sort orders them by several keys; a pipeline of
// goroutines and channels deflates (compress/flate, two levels) and hashes
// (crypto/sha256, hash/crc32) blocks of the JSON and inflates them again;
// regexp scans and rewrites a generated log; math/big computes digits of pi
// (Machin's formula). The checksum covers every result and is the same on
// both builds (map iteration is never relied on for order; floats only
// through strconv and encoding/json). The native build uses the tags
// purego and math_big_pure_go, so crypto/sha256 and math/big run the same
// portable Go code as on wasm, not amd64 assembly.
package main

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

const (
	rounds   = 1
	records  = 2000
	logLines = 6000
	piDigits = 8000
	workers  = 4
	block    = 64 << 10
)

type lcg uint64

func (r *lcg) next() uint32 {
	*r = *r*6364136223846793005 + 1442695040888963407
	return uint32(uint64(*r) >> 33)
}
func (r *lcg) below(n uint32) uint32 { return r.next() % n }

var words = []string{
	"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
	"kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
	"uniform", "victor", "whiskey", "xray", "yankee", "zulu",
}
var cities = []string{"Oslo", "Lyon", "Porto", "Graz", "Turku", "Brno", "Gent", "Cork"}
var domains = []string{"example.com", "mail.org", "post.net", "corp.com"}

type Address struct {
	Street string `json:"street"`
	City   string `json:"city"`
	Zip    string `json:"zip"`
}

type Order struct {
	SKU   uint32  `json:"sku"`
	Qty   uint16  `json:"qty"`
	Price float64 `json:"price"`
}

type Customer struct {
	ID      uint64   `json:"id"`
	Name    string   `json:"name"`
	Email   string   `json:"email"`
	Active  bool     `json:"active"`
	Score   float64  `json:"score"`
	Tags    []string `json:"tags"`
	Address Address  `json:"address"`
	Orders  []Order  `json:"orders"`
	Note    *string  `json:"note,omitempty"`
}

type sum uint32

func (s *sum) add(v uint32) {
	x := uint32(*s)
	*s = sum(((x<<5 | x>>27) ^ v) * 0x9E3779B1)
}
func (s *sum) add64(v uint64) { s.add(uint32(v)); s.add(uint32(v >> 32)) }
func (s *sum) bytes(b []byte) {
	d := sha256.Sum256(b)
	for i := 0; i < 32; i += 4 {
		s.add(binary.BigEndian.Uint32(d[i:]))
	}
	s.add(uint32(len(b)))
}
func (s *sum) str(t string) {
	h := uint32(2166136261)
	for i := 0; i < len(t); i++ {
		h = (h ^ uint32(t[i])) * 16777619
	}
	s.add(h)
}

func genCustomers(r *lcg, n int) []Customer {
	cs := make([]Customer, n)
	for i := range cs {
		first := words[r.below(26)]
		last := words[r.below(26)]
		c := &cs[i]
		c.ID = 100000 + uint64(i)*7 + uint64(r.below(7))
		c.Name = first + " " + last
		c.Email = fmt.Sprintf("%s.%s%d@%s", first, last, r.below(100), domains[r.below(4)])
		c.Active = r.below(3) != 0
		c.Score = float64(r.next())/4096.0 - 300000.0
		c.Tags = make([]string, r.below(5))
		for j := range c.Tags {
			c.Tags[j] = words[r.below(26)]
		}
		c.Address = Address{
			Street: fmt.Sprintf("%d %s street", r.below(400)+1, words[r.below(26)]),
			City:   cities[r.below(8)],
			Zip:    fmt.Sprintf("%05d", r.below(100000)),
		}
		c.Orders = make([]Order, r.below(6))
		for j := range c.Orders {
			c.Orders[j] = Order{SKU: r.below(1 << 20), Qty: uint16(r.below(40) + 1), Price: float64(r.below(1000000)) / 100}
		}
		if r.below(4) == 0 {
			note := fmt.Sprintf("call before %d:00 \"%s\"\tre: \\%s <&>", r.below(24), last, first)
			c.Note = &note
		}
	}
	return cs
}

func walk(v interface{}, s *sum, depth uint32) {
	switch x := v.(type) {
	case nil:
		s.add(1)
	case bool:
		if x {
			s.add(3)
		} else {
			s.add(2)
		}
	case float64:
		s.add64(math.Float64bits(x))
	case string:
		s.add(uint32(len(x)))
		s.str(x)
	case []interface{}:
		s.add(0xA000 + uint32(len(x)))
		for _, e := range x {
			walk(e, s, depth+1)
		}
	case map[string]interface{}:
		s.add(0x0B00 + uint32(len(x)) + depth)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s.str(k)
			walk(x[k], s, depth+1)
		}
	default:
		panic(fmt.Sprintf("unexpected %T", v))
	}
}

func jsonPhase(r *lcg, s *sum) []byte {
	cs := genCustomers(r, records)
	compact, err := json.Marshal(cs)
	if err != nil {
		panic(err)
	}
	pretty, err := json.MarshalIndent(cs, "", "  ")
	if err != nil {
		panic(err)
	}
	s.bytes(compact)
	s.add(uint32(len(pretty)))

	var back, back2 []Customer
	if err := json.Unmarshal(compact, &back); err != nil {
		panic(err)
	}
	if err := json.NewDecoder(bytes.NewReader(pretty)).Decode(&back2); err != nil {
		panic(err)
	}
	if len(back) != len(cs) || len(back2) != len(cs) {
		panic("typed round trip lost records")
	}
	for i := range cs {
		a, b, c := &cs[i], &back[i], &back2[i]
		if a.ID != b.ID || a.Score != b.Score || a.Email != c.Email || len(a.Orders) != len(c.Orders) ||
			(a.Note == nil) != (b.Note == nil) || (a.Note != nil && *a.Note != *b.Note) {
			panic("typed round trip differs")
		}
		for j := range a.Orders {
			if a.Orders[j] != b.Orders[j] || a.Orders[j] != c.Orders[j] {
				panic("typed round trip differs (orders)")
			}
		}
	}

	// aggregate: per city, per tag (maps, read in sorted key order)
	type agg struct {
		n     uint32
		score float64
	}
	perCity := map[string]*agg{}
	tagCount := map[string]uint32{}
	revenue := 0.0
	for _, c := range back {
		a := perCity[c.Address.City]
		if a == nil {
			a = &agg{}
			perCity[c.Address.City] = a
		}
		a.n++
		a.score += c.Score
		for _, t := range c.Tags {
			tagCount[t]++
		}
		for _, o := range c.Orders {
			revenue += o.Price * float64(o.Qty)
		}
	}
	for _, city := range cities {
		if a := perCity[city]; a != nil {
			s.add(a.n)
			s.add64(math.Float64bits(a.score))
		}
	}
	for _, w := range words {
		s.add(tagCount[w])
	}
	s.add64(math.Float64bits(revenue))

	// sort by several keys, stable and not
	sort.SliceStable(back, func(i, j int) bool {
		if back[i].Address.City != back[j].Address.City {
			return back[i].Address.City < back[j].Address.City
		}
		return back[i].Score > back[j].Score
	})
	for i := 0; i < len(back); i += 37 {
		s.add64(back[i].ID)
	}
	sort.Slice(back2, func(i, j int) bool {
		if back2[i].Name != back2[j].Name {
			return back2[i].Name < back2[j].Name
		}
		return back2[i].ID < back2[j].ID
	})
	for i := 0; i < len(back2); i += 41 {
		s.add64(back2[i].ID)
	}

	// dynamic: decode into interface{}, walk, edit, re-encode, decode again
	var tree interface{}
	if err := json.Unmarshal(pretty, &tree); err != nil {
		panic(err)
	}
	walk(tree, s, 0)
	for _, e := range tree.([]interface{}) {
		o := e.(map[string]interface{})
		o["n_orders"] = float64(len(o["orders"].([]interface{})))
		delete(o, "note")
	}
	edited, err := json.Marshal(tree)
	if err != nil {
		panic(err)
	}
	var tree2 interface{}
	if err := json.Unmarshal(edited, &tree2); err != nil {
		panic(err)
	}
	walk(tree2, s, 0)
	s.bytes(edited)
	return compact
}

type job struct {
	idx  int
	data []byte
}
type result struct {
	idx        int
	fast, best int
	crc        uint32
	digest     [32]byte
}

// flatePhase: blocks of data through a pool of goroutines, results in order.
func flatePhase(data []byte, s *sum) {
	jobs := make(chan job)
	results := make(chan result, 8)
	done := make(chan struct{})
	for w := 0; w < workers; w++ {
		go func() {
			var zb bytes.Buffer
			for j := range jobs {
				res := result{idx: j.idx, crc: crc32.ChecksumIEEE(j.data), digest: sha256.Sum256(j.data)}
				for _, level := range []int{flate.BestSpeed, flate.DefaultCompression} {
					zb.Reset()
					zw, _ := flate.NewWriter(&zb, level)
					zw.Write(j.data)
					zw.Close()
					z := zb.Bytes()
					back, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
					if err != nil || !bytes.Equal(back, j.data) {
						panic("flate round trip differs")
					}
					if level == flate.BestSpeed {
						res.fast = len(z)
					} else {
						res.best = len(z)
						res.crc ^= crc32.Checksum(z, crc32.MakeTable(crc32.Castagnoli))
					}
				}
				results <- res
			}
			done <- struct{}{}
		}()
	}
	n := (len(data) + block - 1) / block
	go func() {
		for i := 0; i < n; i++ {
			end := (i + 1) * block
			if end > len(data) {
				end = len(data)
			}
			jobs <- job{i, data[i*block : end]}
		}
		close(jobs)
	}()
	go func() {
		for w := 0; w < workers; w++ {
			<-done
		}
		close(results)
	}()
	got := make([]result, n)
	for res := range results {
		got[res.idx] = res
	}
	for _, res := range got {
		s.add(uint32(res.fast))
		s.add(uint32(res.best))
		s.add(res.crc)
		s.add(binary.LittleEndian.Uint32(res.digest[:]))
	}
}

func genLog(r *lcg) string {
	var b strings.Builder
	levels := []string{"INFO", "WARN", "ERROR", "DEBUG"}
	for i := 0; i < logLines; i++ {
		w2 := words[r.below(26)]
		fmt.Fprintf(&b, "2024-%02d-%02dT%02d:%02d:%02d %s [%d] user=%s.%s@%s ip=10.%d.%d.%d req#%d took %dms path=/%s/%s/%d\n",
			r.below(12)+1, r.below(28)+1, r.below(24), r.below(60), r.below(60), levels[r.below(4)], i,
			words[r.below(26)], w2, domains[r.below(4)], r.below(256), r.below(256), r.below(256),
			r.next(), r.below(5000), w2, words[r.below(26)], r.below(1000))
	}
	return b.String()
}

var (
	reLine  = regexp.MustCompile(`(?m)^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}:\d{2} (ERROR|WARN) \[(\d+)\] user=([a-z]+)\.([a-z]+)@([a-z]+\.(?:com|org|net))`)
	reIP    = regexp.MustCompile(`\b10\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b`)
	reSlow  = regexp.MustCompile(`took ([1-4]\d{3})ms path=/(\w+)/(?:alpha|echo|kilo|zulu)/`)
	reWords = regexp.MustCompile(`(?i)\b(?:ho[a-z]+|[qxz][a-z]{3,})\b`)
	reUser  = regexp.MustCompile(`user=([a-z])[a-z]*\.([a-z]+)@`)
)

func atoi(b string) uint32 {
	v, err := strconv.Atoi(b)
	if err != nil {
		panic(err)
	}
	return uint32(v)
}

func regexPhase(r *lcg, s *sum) []byte {
	log := genLog(r)
	var months [13]uint32
	var ids uint64
	for _, m := range reLine.FindAllStringSubmatch(log, -1) {
		w := uint32(1)
		if m[5] == "ERROR" {
			w = 3
		}
		months[atoi(m[2])] += w
		ids += uint64(atoi(m[6]))
		s.add(uint32(len(m[7])*31 + len(m[8])*7 + len(m[9])))
	}
	for _, m := range months {
		s.add(m)
	}
	s.add64(ids)
	ipsum := uint32(0)
	for _, m := range reIP.FindAllStringSubmatch(log, -1) {
		ipsum = ipsum*31 + (atoi(m[1])<<16 | atoi(m[2])<<8 | atoi(m[3]))
	}
	s.add(ipsum)
	slow := uint32(0)
	for _, m := range reSlow.FindAllStringSubmatch(log, -1) {
		slow += atoi(m[1]) ^ uint32(len(m[2]))
	}
	s.add(slow)
	s.add(uint32(len(reWords.FindAllStringIndex(log, -1))))
	anon := reIP.ReplaceAllString(log, "10.$1.x.x")
	anon = reUser.ReplaceAllStringFunc(anon, func(u string) string {
		m := reUser.FindStringSubmatch(u)
		return "user=" + m[1] + "***" + strconv.Itoa(len(m[2])) + "@"
	})
	s.bytes([]byte(anon))
	// strconv: floats out and back
	f := 0.0
	for i := 0; i < 20000; i++ {
		x := float64(r.next())/1e3 - 2e6
		t := strconv.FormatFloat(x, 'g', -1, 64)
		y, _ := strconv.ParseFloat(t, 64)
		if x != y {
			panic("strconv round trip differs")
		}
		f += y
	}
	s.add64(math.Float64bits(f))
	return []byte(log)
}

// piPhase: digits of pi by Machin's formula in fixed point with math/big.
func piPhase(s *sum) {
	unity := new(big.Int).Exp(big.NewInt(10), big.NewInt(piDigits+10), nil)
	arctan := func(x int64) *big.Int {
		sum := new(big.Int)
		x2 := big.NewInt(x * x)
		term := new(big.Int).Div(unity, big.NewInt(x))
		t := new(big.Int)
		for n := int64(1); term.Sign() != 0; n += 2 {
			t.Div(term, big.NewInt(n))
			if (n/2)%2 == 0 {
				sum.Add(sum, t)
			} else {
				sum.Sub(sum, t)
			}
			term.Div(term, x2)
		}
		return sum
	}
	pi := new(big.Int).Mul(big.NewInt(16), arctan(5))
	pi.Sub(pi, new(big.Int).Mul(big.NewInt(4), arctan(239)))
	digits := pi.String()[:piDigits]
	if !strings.HasPrefix(digits, "31415926535897932384626433832795") {
		panic("pi digits wrong")
	}
	s.str(digits)
}

func main() {
	if fmt.Sprintf("%x", sha256.Sum256([]byte("abc")))[:8] != "ba7816bf" {
		panic("sha256 self-test failed")
	}
	r := lcg(0x2545F4914F6CDD1D)
	s := sum(0x811C9DC5)
	for i := 0; i < rounds; i++ {
		js := jsonPhase(&r, &s)
		lg := regexPhase(&r, &s)
		flatePhase(js, &s)
		flatePhase(lg, &s)
	}
	piPhase(&s)
	fmt.Printf("go-mix checksum %08x\n", uint32(s))
}
