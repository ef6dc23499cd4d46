// An AssemblyScript WASI command (compiled with @assemblyscript/wasi-shim):
// arguments, environment, stdout, stderr, clocks and the exit code.
const args = process.argv;
console.log("argc=" + args.length.toString());
for (let i = 1; i < args.length; i++) console.log("arg: " + args[i]);
console.log("GREETING=" + (process.env.has("GREETING") ? process.env.get("GREETING") : "(unset)"));
const words = new Array<string>();
for (let i = 0; i < 5; i++) words.push("w" + (i * i).toString());
console.log(words.join(","));
console.error("to stderr");
process.stdout.write("time is positive: " + (Date.now() > 0 ? "yes" : "no") + "\n");
process.exit(3);
