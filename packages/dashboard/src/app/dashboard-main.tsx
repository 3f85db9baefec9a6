import { render } from 'preact';
import { DashboardApp } from './dashboard-app.js';
import './dashboard-styles.css';
import './dashboard-tables.css';

const root = document.getElementById('dashboard');
if (root) render(<DashboardApp />, root);
