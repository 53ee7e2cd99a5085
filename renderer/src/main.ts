import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { connect } from './lib/api/client.ts';
import { APP_CONTEXT, AppState } from './lib/state/app.svelte.ts';

const app = new AppState(connect());
mount(App, { target: document.getElementById('app')!, context: new Map([[APP_CONTEXT, app]]) });
void app.start();
