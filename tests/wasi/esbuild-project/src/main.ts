import { greet } from "./lib";
import data from "./data.json";
console.log(greet(data.name));
