import { App } from './app.js';
import './styles/main.css';
import './styles/first-class.css';

const root = document.getElementById('app');
if (root) void new App(root).start();
